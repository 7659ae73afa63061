using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Safety;

/// <summary>
/// Finds a phrase in a message the way a panicking person types it: words may carry a typo, a word or two may sit in
/// between ("lips look gray" for "lips gray"), and words may run together ("notbreathing" for "not breathing").
/// A typed word that is itself a correctly spelled word the knowledge base uses must match exactly: "overdoses" is not
/// a typo of "overdosing", but "overdosin" is.
/// </summary>
internal static class PhraseMatcher
{
    public const int MaxGap = 2;

    /// <summary>The most edits <see cref="SameWord"/> allows (words of 9 letters or more).</summary>
    private const int MaxTypos = 2;

    /// <param name="maxGap">How many typed words may sit between two phrase words (0: the words must be adjacent).</param>
    public static bool Contains(IReadOnlyList<string> tokens, IReadOnlyList<string> phrase, IReadOnlySet<string> knownWords, int maxGap = MaxGap)
    {
        if (phrase.Count == 0)
        {
            return false;
        }

        for (var start = 0; start < tokens.Count; start++)
        {
            if (MatchFrom(tokens, start, phrase, 0, 0, knownWords, maxGap) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every place the phrase matches: the first typed word it takes and the one after its last.</summary>
    public static IEnumerable<(int Start, int End)> Matches(IReadOnlyList<string> tokens, IReadOnlyList<string> phrase, IReadOnlySet<string> knownWords, int maxGap = MaxGap)
    {
        for (var start = 0; start < tokens.Count && phrase.Count > 0; start++)
        {
            if (MatchFrom(tokens, start, phrase, 0, 0, knownWords, maxGap) is var end and >= 0)
            {
                yield return (start, end);
            }
        }
    }

    /// <summary>Where the phrase's first match in the message starts; -1 when it does not match.</summary>
    public static int FirstStart(IReadOnlyList<string> tokens, IReadOnlyList<string> phrase, IReadOnlySet<string> knownWords, int maxGap = MaxGap)
    {
        for (var start = 0; start < tokens.Count && phrase.Count > 0; start++)
        {
            if (MatchFrom(tokens, start, phrase, 0, 0, knownWords, maxGap) >= 0)
            {
                return start;
            }
        }

        return -1;
    }

    /// <summary>Where the phrase's last match in the message starts; -1 when it does not match.</summary>
    public static int LastStart(IReadOnlyList<string> tokens, IReadOnlyList<string> phrase, IReadOnlySet<string> knownWords, int maxGap = MaxGap)
    {
        for (var start = tokens.Count - 1; start >= 0 && phrase.Count > 0; start--)
        {
            if (MatchFrom(tokens, start, phrase, 0, 0, knownWords, maxGap) >= 0)
            {
                return start;
            }
        }

        return -1;
    }

    /// <summary>Shorter words must be exact: "blue" must not match "blues" (a street name for pills).</summary>
    public static bool SameWord(string typed, string expected, IReadOnlySet<string> knownWords) => SameWord(typed, expected.AsSpan(), knownWords);

    private static bool SameWord(string typed, ReadOnlySpan<char> expected, IReadOnlySet<string> knownWords)
    {
        if (typed.AsSpan().SequenceEqual(expected))
        {
            return true;
        }

        // No typo allowed, or lengths too far apart for one: no match, whether or not the word is known (asked last, it costs a lookup).
        var length = Math.Min(typed.Length, expected.Length);
        var allowed = length < 5 ? 0 : length < 9 ? 1 : MaxTypos;
        if (allowed == 0 || Math.Abs(typed.Length - expected.Length) > allowed)
        {
            return false;
        }

        return !knownWords.Contains(typed) && EditDistance.Compute(typed, expected, allowed) <= allowed;
    }

    /// <returns>Where the match ends (the index after its last typed word), or -1 when the phrase does not match from there.</returns>
    private static int MatchFrom(IReadOnlyList<string> tokens, int t, IReadOnlyList<string> phrase, int p, int gapsUsed, IReadOnlySet<string> knownWords, int maxGap)
    {
        if (p == phrase.Count)
        {
            return t;
        }

        if (t >= tokens.Count)
        {
            return -1;
        }

        if (SameWord(tokens[t], phrase[p], knownWords) && MatchFrom(tokens, t + 1, phrase, p + 1, 0, knownWords, maxGap) is var end and >= 0)
        {
            return end;
        }

        // Missing spaces: one typed token holding two or three phrase words (with a typo too only when they are long).
        var joinedLength = phrase[p].Length;
        for (var extra = 1; extra <= 2 && p + extra < phrase.Count; extra++)
        {
            joinedLength += phrase[p + extra].Length;
            if (Math.Abs(tokens[t].Length - joinedLength) > (joinedLength < MinJoinedLengthWithTypo ? 0 : MaxTypos))
            {
                continue;
            }

            if (SameJoined(tokens[t], phrase, p, extra, joinedLength, knownWords) && MatchFrom(tokens, t + 1, phrase, p + extra + 1, 0, knownWords, maxGap) is var joinedEnd and >= 0)
            {
                return joinedEnd;
            }
        }

        // Several words run together around the phrase ("hesnotbreathing" holds "notbreathing").
        if (p == 0 && phrase.Count > 1 && tokens[t].Length > 8 && TotalLength(phrase) is >= 8 and var wholeLength && wholeLength <= tokens[t].Length
            && HoldsRunTogether(tokens[t], phrase, wholeLength))
        {
            return t + 1;
        }

        // A typed word between two phrase words ("lips look gray"), never before the first one. Never a negation: "need to know
        // to not die" is not "need to die". Never right before a reflexive word: "used to shoot dope myself" is not "shoot myself".
        return p > 0 && gapsUsed < maxGap && !Negations.Contains(tokens[t]) && !Reflexives.Contains(phrase[p])
            ? MatchFrom(tokens, t + 1, phrase, p, gapsUsed + 1, knownWords, maxGap)
            : -1;
    }

    // Typed and stemmed (crisis phrases are matched on stems: "nunca" is "nunc" to the Spanish stemmer).
    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "never", "nev", "dont", "didnt", "doesnt", "isnt", "wasnt", "arent", "werent", "no", "nunca", "nunc", "jamas", "jama",
        "tampoco", "tampoc",
    };

    private static readonly HashSet<string> Reflexives = new(StringComparer.Ordinal) { "myself", "himself", "herself", "themselves", "themselv", "yourself" };

    private const int MinJoinedLengthWithTypo = 9;

    /// <summary>Whether the typed word is phrase words p to p + extra run together, without building the string.</summary>
    private static bool SameJoined(string typed, IReadOnlyList<string> phrase, int p, int extra, int joinedLength, IReadOnlySet<string> knownWords)
    {
        Span<char> joined = joinedLength <= 128 ? stackalloc char[joinedLength] : new char[joinedLength];
        var at = 0;
        for (var i = p; i <= p + extra; i++)
        {
            phrase[i].CopyTo(joined[at..]);
            at += phrase[i].Length;
        }

        // A missing space and a typo together only in long words: in short ones they are too loose ("morfin", the stem of
        // "morfina", would be "mor sin", and "morfina para el dolor" would be "morir sin dolor").
        return joinedLength < MinJoinedLengthWithTypo ? typed.AsSpan().SequenceEqual(joined) : SameWord(typed, joined, knownWords);
    }

    /// <summary>Whether the token holds the phrase's words one after another with nothing between (an ordinal search for their concatenation).</summary>
    private static bool HoldsRunTogether(string token, IReadOnlyList<string> phrase, int wholeLength)
    {
        for (var start = 0; start + wholeLength <= token.Length; start++)
        {
            var at = start;
            var i = 0;
            while (i < phrase.Count && token.AsSpan(at).StartsWith(phrase[i], StringComparison.Ordinal))
            {
                at += phrase[i].Length;
                i++;
            }

            if (i == phrase.Count)
            {
                return true;
            }
        }

        return false;
    }

    private static int TotalLength(IReadOnlyList<string> phrase)
    {
        var length = 0;
        for (var i = 0; i < phrase.Count; i++)
        {
            length += phrase[i].Length;
        }

        return length;
    }
}
