using HarmReduction.Bot.Channels.Sms;

namespace HarmReduction.Bot.Answering;

/// <summary>
/// Splits a reply into pages that each fit the channel's SMS budget, breaking at paragraphs, then lines, then sentences,
/// then words; every page but the last ends with the MORE prompt.
/// </summary>
public static class ReplyPager
{
    public static IReadOnlyList<string> Paginate(string text, int maxSegments, string morePrompt)
    {
        text = text.Trim();
        if (SmsEncoding.Fits(SmsEncoding.ToGsmWherePossible(text), maxSegments))
        {
            return [text];
        }

        var pages = new List<string>();
        var pieces = Pieces(text);
        var current = string.Empty;
        var suffix = "\n" + morePrompt;
        foreach (var piece in pieces)
        {
            var candidate = current.Length == 0 ? piece.Text : current + piece.Separator + piece.Text;
            if (Fits(candidate + suffix, maxSegments))
            {
                current = candidate;
                continue;
            }

            if (current.Length > 0)
            {
                pages.Add(current + suffix);
                current = string.Empty;
            }

            // A single piece too long for a page is cut at word boundaries.
            var remaining = piece.Text;
            while (!Fits(remaining + suffix, maxSegments))
            {
                var cut = LongestPrefixThatFits(remaining, suffix, maxSegments);
                pages.Add(remaining[..cut].TrimEnd() + suffix);
                remaining = remaining[cut..].TrimStart();
            }

            current = remaining;
        }

        if (current.Length > 0)
        {
            pages.Add(current);
        }

        return pages;
    }

    private static bool Fits(string text, int maxSegments) => SmsEncoding.Fits(SmsEncoding.ToGsmWherePossible(text), maxSegments);

    private static int LongestPrefixThatFits(string text, string suffix, int maxSegments)
    {
        var low = 1;
        var high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Fits(text[..mid] + suffix, maxSegments))
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        var space = text.LastIndexOf(' ', Math.Max(0, low - 1));
        var cut = space > low / 2 ? space : low;
        return char.IsLowSurrogate(text[Math.Min(cut, text.Length - 1)]) && cut > 1 ? cut - 1 : cut;
    }

    private static List<(string Text, string Separator)> Pieces(string text)
    {
        var pieces = new List<(string, string)>();
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lines = paragraph.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < lines.Length; i++)
            {
                var sentences = SplitSentences(lines[i]);
                for (var j = 0; j < sentences.Count; j++)
                {
                    var separator = j > 0 ? " " : i > 0 ? "\n" : "\n\n";
                    pieces.Add((sentences[j], separator));
                }
            }
        }

        return pieces;
    }

    private static List<string> SplitSentences(string line)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < line.Length - 1; i++)
        {
            // A sentence ends at ". " unless what precedes is a list number ("1. Start...").
            if (line[i] is '.' or '!' or '?' && line[i + 1] == ' ' && !line[start..i].All(char.IsDigit))
            {
                sentences.Add(line[start..(i + 1)]);
                start = i + 2;
            }
        }

        if (start < line.Length)
        {
            sentences.Add(line[start..]);
        }

        return sentences;
    }
}
