using System.Text.RegularExpressions;
using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Answering;

/// <summary>
/// The separate questions of one message ("how do i get narcan and also where can i get a hep c test"): split where a
/// question ends or where "and also", "plus", "y de paso", "y también"... or "and" before a question word starts another.
/// Parts too short to be a question on their own are dropped; a message that does not split gives an empty list.
/// </summary>
public static partial class QuestionParts
{
    /// <summary>Fewest words a part needs to be ranked on its own ("hep c test" is enough, "and" is not).</summary>
    public const int MinimumWords = 3;

    public static IReadOnlyList<string> Split(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 600)
        {
            return [];
        }

        var parts = Separator().Split(text)
            .Select(p => p.Trim(' ', ',', ';', '.', '?', '¿', '!', '¡'))
            .Where(p => TextNormalizer.Tokens(p).Count >= MinimumWords)
            .ToList();
        return parts.Count >= 2 ? parts : [];
    }

    // A question mark with more words after it; "and also" / "also," / "plus" / "one more thing"; "and" (or ", and") right
    // before a question word; Spanish "y de paso", "y también", "y además", "pero también", "otra pregunta", "y otra cosa".
    [GeneratedRegex(
        @"\?+(?=\s*\S)|\b(?:and\s+also|also\s*,|plus|and\s+one\s+more\s+thing|one\s+more\s+thing|another\s+question|and\s+another\s+thing)\b"
        + @"|,?\s*\band\s+(?=(?:what|whats|how|where|when|can|could|is|are|do|does|would|will|should|who)\b)"
        + @"|\b(?:y\s+de\s+paso|y\s+tambi[eé]n|y\s+adem[aá]s|pero\s+tambi[eé]n|otra\s+pregunta|y\s+otra\s+cosa|tambi[eé]n\s+quer[ií]a\s+saber)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Separator();
}
