using System.Text.RegularExpressions;
using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Answering;

/// <summary>
/// The separate questions of one message ("how do i get narcan and also where can i get a hep c test"): split where a
/// "and also", "plus", "y de paso", "y también"... or "and" before a question word starts another question.
/// A part counts only when it is asked: it ends with "?", starts with a question word, or sits next to an "also"; and when
/// it stands on its own (three words or more, not pointing back with "it" or "that"). The story around a question
/// ("I live in a small town", "quiero estar preparada") is not a question. A message that does not split gives an empty list.
/// </summary>
public static partial class QuestionParts
{
    /// <summary>Fewest words a part needs to be ranked on its own ("hep c test" is enough, "and" is not).</summary>
    public const int MinimumWords = 3;

    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal)
    {
        "what", "whats", "how", "where", "wheres", "when", "why", "who", "which", "can", "could", "is", "are", "am", "do", "does",
        "did", "should", "would", "will", "may", "any", "anywhere",
        "que", "como", "donde", "cuando", "cuanto", "cuanta", "cuantos", "cuantas", "cual", "cuales", "quien", "puedo",
        "puede", "pueden", "hay", "debo", "sirve",
    };

    public static bool IsQuestionWord(string word) => QuestionWords.Contains(word);

    /// <summary>Whether words lean on what came before ("does it still protect me", "eso es normal").</summary>
    public static bool PointsBack(IEnumerable<string> tokens) => tokens.Any(PointingBack.Contains);

    public static IReadOnlyList<string> Split(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 600)
        {
            return [];
        }

        var pieces = new List<Piece>();
        var start = 0;
        var afterAlso = false;
        MatchCollection separators;
        try
        {
            separators = Separator().Matches(text);
            _ = separators.Count; // matches are found lazily: a timeout surfaces here, not later
        }
        catch (RegexMatchTimeoutException)
        {
            return []; // a busy machine: answer the message whole rather than fail the turn
        }

        foreach (Match separator in separators)
        {
            var also = separator.Groups["also"].Success;
            pieces.Add(new Piece(text[start..separator.Index], EndsAsked: false, afterAlso, BeforeAlso: also));
            afterAlso = also;
            start = separator.Index + separator.Length;
        }

        if (pieces.Count == 0)
        {
            return [];
        }

        pieces.Add(new Piece(text[start..], EndsAsked: text.TrimEnd().EndsWith('?'), afterAlso, BeforeAlso: false));
        var parts = pieces.Where((p, i) => p.IsQuestion(first: i == 0)).Select(p => p.Text).ToList();
        return parts.Count >= 2 ? parts : [];
    }

    private sealed record Piece(string Raw, bool EndsAsked, bool AfterAlso, bool BeforeAlso)
    {
        public string Text { get; } = Raw.Trim(' ', ',', ';', '.', '?', '¿', '!', '¡', '\n', '\r', '\t');

        /// <summary>
        /// Asked, with a word of its own topic ("what can i do" has none), and, after the first, not leaning on
        /// what came before ("does it still protect me", "how do i use them"): ranked alone, such a part finds another topic.
        /// </summary>
        public bool IsQuestion(bool first)
        {
            var tokens = TextNormalizer.Tokens(Text);
            var topicWords = tokens.Count(t => !QuestionWords.Contains(t) && !StopWords.Contains("en", t) && !StopWords.Contains("es", t));
            return tokens.Count >= MinimumWords && topicWords >= 1
                && (first || !tokens.Any(PointingBack.Contains))
                && (EndsAsked || AfterAlso || BeforeAlso || QuestionWords.Contains(tokens[0]) || Raw.TrimStart().StartsWith('¿'));
        }
    }

    private static readonly HashSet<string> PointingBack = new(StringComparer.Ordinal)
    {
        "it", "its", "them", "they", "that", "those", "this", "these", "same", "eso", "esa", "esas", "esos", "esto", "ahi", "alli",
    };

    // Not at a question mark: the questions after the first are most often the same question said again or leaning on it
    // ("How long does Narcan last? Can the overdose come back?"), and ranked alone they find another topic.
    // "and also" / "also," / "plus" / "one more thing" (the "also" group); "and"
    // (or ", and") right before a question word; Spanish "y de paso", "y también", "y además", "pero también", "otra pregunta".
    [GeneratedRegex(
        @"(?<also>\b(?:and\s+also|also\s*,|plus|and\s+one\s+more\s+thing|one\s+more\s+thing|another\s+question|and\s+another\s+thing)\b)"
        + @"|,?\s*\band\s+(?=(?:what|whats|how|where|when|can|could|is|are|do|does|would|will|should|who)\b)"
        + @"|(?<also>\b(?:y\s+de\s+paso|y\s+tambi[eé]n|y\s+adem[aá]s|pero\s+tambi[eé]n|otra\s+pregunta|y\s+otra\s+cosa|tambi[eé]n\s+quer[ií]a\s+saber)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Separator();
}
