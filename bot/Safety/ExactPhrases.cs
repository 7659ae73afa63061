namespace HarmReduction.Bot.Safety;

/// <summary>
/// Phrases compared word for word, with no typo, gap or missing space (the exceptions taken out of a message, laughter):
/// looked up by their first word, so a message is read only against the phrases that start with one of its words.
/// </summary>
internal sealed class ExactPhrases
{
    private readonly string[][] _phrases;
    private readonly Dictionary<string, int[]> _byFirstWord;

    public ExactPhrases(IEnumerable<string[]> phrases)
    {
        // An empty phrase would occur everywhere and take nothing out; none is ever written (Split drops empty words).
        _phrases = [.. phrases.Where(p => p.Length > 0)];
        _byFirstWord = Enumerable.Range(0, _phrases.Length)
            .GroupBy(i => _phrases[i][0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public int Count => _phrases.Length;

    /// <summary>
    /// The tokens with every occurrence of the phrases taken out, one phrase after another in the list's order (taking one
    /// out can bring the words of a later one together); the tokens themselves when none occurs.
    /// </summary>
    public IReadOnlyList<string> Without(IReadOnlyList<string> tokens)
    {
        // Taking words out never brings in a word, so only the phrases whose first word the tokens hold can occur.
        List<int>? candidates = null;
        for (var t = 0; t < tokens.Count; t++)
        {
            if (_byFirstWord.TryGetValue(tokens[t], out var ids))
            {
                (candidates ??= []).AddRange(ids);
            }
        }

        if (candidates is null)
        {
            return tokens;
        }

        PhraseIndex.SortDistinct(candidates);
        List<string>? kept = null;
        foreach (var i in candidates)
        {
            var phrase = _phrases[i];
            IReadOnlyList<string> current = kept ?? tokens;
            for (var at = 0; at + phrase.Length <= current.Count;)
            {
                if (StartsAt(current, at, phrase))
                {
                    kept ??= [.. tokens];
                    kept.RemoveRange(at, phrase.Length);
                    current = kept;
                }
                else
                {
                    at++;
                }
            }
        }

        return kept ?? tokens;
    }

    /// <summary>
    /// The tokens with the words of every occurrence of the phrases replaced by <see cref="Blank"/>, a word no message holds:
    /// the words around them stay as far apart as they were, so they cannot join into a phrase read with words in between
    /// ("no se, no contesta el telefono, respira hondo" must not become "no se no respira").
    /// </summary>
    public IReadOnlyList<string> Blanked(IReadOnlyList<string> tokens)
    {
        string[]? blanked = null;
        for (var at = 0; at < tokens.Count; at++)
        {
            if (StartingAt(tokens, at) is { } phrase)
            {
                blanked ??= [.. tokens];
                Array.Fill(blanked, Blank, at, phrase.Length);
                at += phrase.Length - 1;
            }
        }

        return blanked ?? tokens;
    }

    /// <summary>Stands for a word taken out: folded text never holds an underscore.</summary>
    public const string Blank = "_";

    /// <summary>The first phrase (in the list's order) whose words start at position <paramref name="at"/>; null when none does.</summary>
    public string[]? StartingAt(IReadOnlyList<string> tokens, int at)
    {
        if (at < tokens.Count && _byFirstWord.TryGetValue(tokens[at], out var ids))
        {
            foreach (var i in ids)
            {
                if (StartsAt(tokens, at, _phrases[i]))
                {
                    return _phrases[i];
                }
            }
        }

        return null;
    }

    private static bool StartsAt(IReadOnlyList<string> tokens, int at, string[] phrase)
    {
        if (at + phrase.Length > tokens.Count)
        {
            return false;
        }

        for (var i = 0; i < phrase.Length; i++)
        {
            if (!string.Equals(tokens[at + i], phrase[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
