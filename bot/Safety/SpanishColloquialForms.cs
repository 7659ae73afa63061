using System.Text.RegularExpressions;
using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Safety;

/// <summary>
/// Spoken Spanish as people text it, read back into the words the safety phrases are written in, so that one phrase covers
/// every form: "ta azulito" is "esta azul", "toy solito" is "estoy solo", "sigue moradita" is "sigue morada". Two kinds:
/// the clipped forms of "estar" (Caribbean and Central American speech, and everyone's texting), and diminutives, which
/// Mexican and Central American Spanish puts on nearly anything ("ya no respira bien, está friito"). A diminutive is read
/// back only to a word a safety phrase uses, and only when the typed word is not such a word itself: the rest of the
/// message is left as it was typed.
/// </summary>
public sealed partial class SpanishColloquialForms
{
    private static readonly Dictionary<string, string> ClippedEstar = new(StringComparer.Ordinal)
    {
        ["ta"] = "esta",
        ["toy"] = "estoy",
        ["tas"] = "estas",
        ["tamos"] = "estamos",
        ["tamo"] = "estamos",
        ["taba"] = "estaba",
        ["tabas"] = "estabas",
        ["tavo"] = "estaba",
    };

    // Longest first, so that "itos" is tried before "ito".
    private static readonly string[] Diminutives = ["citos", "citas", "cito", "cita", "itos", "itas", "ito", "ita", "icos", "icas", "ico", "ica"];

    // A stem of two letters is a verb more often than a diminutive: "me quito la vida" is not "me que la vida".
    private const int MinStem = 3;

    private readonly IReadOnlySet<string> _phraseWords;

    /// <param name="phraseWords">The folded words the Spanish safety phrases are written in.</param>
    public SpanishColloquialForms(IReadOnlySet<string> phraseWords)
    {
        _phraseWords = phraseWords;
    }

    /// <summary>
    /// The text with clipped and diminutive forms read back; the same string when there are none, or when the message reads
    /// as English: "toy" and "ta" are English words too ("my kid swallowed a toy").
    /// </summary>
    public string ReadBack(string text) =>
        LanguageDetector.Detect(text) == "en" ? text : Word().Replace(text, match => WordFor(match.Value) ?? match.Value);

    /// <summary>The word a typed word stands for, or null when it stands for itself.</summary>
    public string? WordFor(string typed)
    {
        var folded = TextNormalizer.Fold(typed);
        if (ClippedEstar.TryGetValue(folded, out var estar))
        {
            return estar;
        }

        if (folded.Length < 5 || _phraseWords.Contains(folded))
        {
            return null;
        }

        foreach (var suffix in Diminutives)
        {
            if (!folded.EndsWith(suffix, StringComparison.Ordinal) || folded.Length - suffix.Length < MinStem)
            {
                continue;
            }

            var stem = folded[..^suffix.Length];
            var plural = suffix.EndsWith('s') ? "s" : string.Empty;
            var ending = suffix[^(plural.Length + 1)] is 'a' ? "a" : "o";
            foreach (var candidate in BasesOf(stem, ending, plural))
            {
                if (_phraseWords.Contains(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The words a diminutive's stem can come from: "morad" + "ito" is "morado", "azul" + "ito" is "azul", "poqu" + "ito" is
    /// "poco", "calient" + "ito" is "caliente", "amigu" + "ito" is "amigo".
    /// </summary>
    private static IEnumerable<string> BasesOf(string stem, string ending, string plural)
    {
        yield return stem + ending + plural;
        yield return stem + plural;
        yield return stem + "e" + plural;
        if (stem.EndsWith("qu", StringComparison.Ordinal))
        {
            yield return stem[..^2] + "c" + ending + plural;
        }

        if (stem.EndsWith("gu", StringComparison.Ordinal))
        {
            yield return stem[..^2] + "g" + ending + plural;
        }
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();
}
