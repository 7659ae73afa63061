namespace HarmReduction.Bot.Safety;

/// <summary>
/// Items that each carry a phrase (a sign with its rule and language, or a bare phrase), read against a message through a
/// <see cref="PhraseIndex"/>: the answers are those of reading every item with <see cref="PhraseMatcher.Contains"/> in the
/// list's order, so "the first that matches" is still the first written.
/// </summary>
internal sealed class PhraseList<T>
{
    private readonly T[] _items;
    private readonly PhraseIndex _index;

    public PhraseList(IEnumerable<T> items, Func<T, string[]> phraseOf)
    {
        _items = [.. items];
        _index = new PhraseIndex([.. _items.Select(phraseOf)]);
    }

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public string[] PhraseAt(int index) => _index[index];

    /// <summary>The positions of the items whose phrase may match the tokens, in order (the matcher still decides).</summary>
    public List<int> Candidates(IReadOnlyList<string> tokens, IReadOnlySet<string> knownWords) => _index.Candidates(tokens, knownWords);

    /// <summary>The positions of the items whose phrase may match any of the token lists (one per language's stems), in order.</summary>
    public List<int> Candidates(IEnumerable<IReadOnlyList<string>> tokenLists, IReadOnlySet<string> knownWords)
    {
        var found = new List<int>();
        foreach (var tokens in tokenLists)
        {
            _index.AddCandidates(tokens, knownWords, found);
        }

        PhraseIndex.SortDistinct(found);
        return found;
    }

    public bool Any(IReadOnlyList<string> tokens, IReadOnlySet<string> knownWords, int maxGap = PhraseMatcher.MaxGap)
    {
        foreach (var i in _index.Candidates(tokens, knownWords))
        {
            if (PhraseMatcher.Contains(tokens, _index[i], knownWords, maxGap))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first item whose phrase matches (and that <paramref name="also"/> accepts); false when none does.</summary>
    public bool TryFirst(IReadOnlyList<string> tokens, IReadOnlySet<string> knownWords, out T item, Func<T, bool>? also = null)
    {
        foreach (var i in _index.Candidates(tokens, knownWords))
        {
            if (PhraseMatcher.Contains(tokens, _index[i], knownWords) && (also is null || also(_items[i])))
            {
                item = _items[i];
                return true;
            }
        }

        item = default!;
        return false;
    }

    /// <summary>Every item whose phrase matches (and that <paramref name="also"/> accepts), in order.</summary>
    public List<T> Where(IReadOnlyList<string> tokens, IReadOnlySet<string> knownWords, Func<T, bool>? also = null)
    {
        var matched = new List<T>();
        foreach (var i in _index.Candidates(tokens, knownWords))
        {
            if (PhraseMatcher.Contains(tokens, _index[i], knownWords) && (also is null || also(_items[i])))
            {
                matched.Add(_items[i]);
            }
        }

        return matched;
    }
}
