using System.Text.RegularExpressions;
using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Answering;

/// <summary>
/// The sentence a long message asks in, after its story: "Mi tía convulsionó el mes pasado... Ya está bien y en su casa.
/// ¿Cómo se deja el alcohol de forma segura?" The story shares few words with any phrasing, so the whole message is ranked
/// with little confidence even when its best entry is the right one; the asked sentence alone says how sure to be.
/// </summary>
public static partial class AskedSentence
{
    /// <summary>
    /// The message's last sentence when it asks (ends with "?" or starts with a question word) in three words or more and
    /// does not lean on the story ("is that normal", "cuanto hay que esperar entre uno y otro"); else the last earlier
    /// sentence that ends with a question mark and does the same; null otherwise, and for a message of one sentence.
    /// </summary>
    public static string? Of(string text)
    {
        if (SplitIntoSentences(text) is not { Count: >= 2 } sentences)
        {
            return null;
        }

        try
        {
            if (Asking(Lead().Replace(sentences[^1], string.Empty), markRequired: false) is { } last)
            {
                return last;
            }

            // A question asked before a sentence that adds a reason or a wish ("¿Cómo se usa la naloxona en spray? Quiero
            // tener una en mi locker por si acaso."): only a question mark says so there, since a story's sentences often
            // start with "como" or "when".
            for (var i = sentences.Count - 2; i >= 0; i--)
            {
                if (Asking(Lead().Replace(sentences[i], string.Empty), markRequired: true) is { } asked)
                {
                    return asked;
                }
            }

            return null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// The sentences of a message of several that could stand alone (five words or more, not leaning on the story), in
    /// order: tried one by one when no sentence asks.
    /// </summary>
    public static IReadOnlyList<string> Sentences(string text)
    {
        return SplitIntoSentences(text) is { Count: >= 2 } sentences
            ? sentences.Where(s => TextNormalizer.Tokens(s) is { Count: >= 5 } words && !QuestionParts.PointsBack(words) && !words.Any(BetweenTwo.Contains)).ToList()
            : [];
    }

    /// <summary>The message's sentences; null for a message too long to split, or when the machine is too busy to (it is answered whole).</summary>
    private static List<string>? SplitIntoSentences(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 1200)
        {
            return null;
        }

        try
        {
            return Sentence().Matches(Laughter().Replace(text, "$0.")).Select(m => m.Value.Trim()).Where(s => s.Length > 0).ToList();
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static string? Asking(string sentence, bool markRequired)
    {
        var words = TextNormalizer.Tokens(sentence);
        return words.Count >= QuestionParts.MinimumWords && (sentence.EndsWith('?') || (!markRequired && QuestionParts.IsQuestionWord(words[0])))
            && !QuestionParts.PointsBack(words) && !words.Any(BetweenTwo.Contains) ? sentence : null;
    }

    /// <summary>"entre uno y otro", "both": a sentence about two things the story named.</summary>
    private static readonly HashSet<string> BetweenTwo = new(StringComparer.Ordinal) { "otro", "otra", "ambos", "ambas", "both", "either" };

    [GeneratedRegex(@"[^.!?\n]+[.!?\n]*", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex Sentence();

    /// <summary>Laughter ends a sentence in a text: "my guy keeps dying lmao irl what does..."</summary>
    [GeneratedRegex(@"\b(?:lol|lmao|lmfao|rofl|jaja\w*|jsjs\w*|haha\w*|xd)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex Laughter();

    /// <summary>"pregunta:", "real question:", "anyway,", "irl" before the question itself.</summary>
    [GeneratedRegex(@"^\s*(?:¿\s*)?(?:(?:pregunta seria|otra pregunta|pregunta|real question|serious question|quick question|question|anyways|anyway|bueno|oye|en serio|seriously|but fr|fr|irl|in real life|en la vida real|bro|pero)(?:\s*[:,-]\s*|\s+))?", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex Lead();
}
