using System.Numerics;

namespace HarmReduction.Bot.Safety;

/// <summary>
/// A list of phrases that finds the few a message can match before <see cref="PhraseMatcher"/> reads them, instead of
/// reading every phrase. A match starts at a typed word that is (a) the phrase's first word, or a typo of it; (b) its
/// first two or three words joined, or a typo of that; or (c) a long word holding the whole phrase run together. The
/// index looks each typed word up by those three ways and keeps every phrase it could start: a necessary condition, never
/// a sufficient one, so the matcher still decides and the result is the one a scan over all phrases gives.
/// </summary>
internal sealed class PhraseIndex
{
    // The first word length from which PhraseMatcher.SameWord allows a typo, and the length from which it allows two.
    private const int TypoLength = 5;
    private const int TwoTyposLength = 9;

    // The run-together case only reads tokens longer than this, for phrases at least this long (PhraseMatcher.MatchFrom).
    private const int RunTogetherLength = 8;

    private readonly string[][] _phrases;

    // Exact keys: each phrase's first word, first two words joined and first three words joined.
    private readonly Dictionary<string, int[]> _exact = new(StringComparer.Ordinal);

    // Keys of TypoLength letters or more, by length: a typed word can be a typo of these.
    private readonly FuzzyKey[][] _fuzzyByLength;

    // Phrases of two words or more run together (RunTogetherLength letters or more), by their first three characters.
    private readonly Dictionary<long, RunTogether[]> _runTogether = [];

    public PhraseIndex(IReadOnlyList<string[]> phrases)
    {
        _phrases = [.. phrases];
        var keys = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var runTogether = new Dictionary<long, List<RunTogether>>();
        for (var i = 0; i < _phrases.Length; i++)
        {
            var phrase = _phrases[i];
            if (phrase.Length == 0)
            {
                continue;
            }

            var joined = phrase[0];
            AddKey(keys, joined, i);
            for (var extra = 1; extra <= 2 && extra < phrase.Length; extra++)
            {
                joined += phrase[extra];
                AddKey(keys, joined, i);
            }

            var whole = string.Concat(phrase);
            if (phrase.Length > 1 && whole.Length >= RunTogetherLength)
            {
                var key = Trigram(whole);
                if (!runTogether.TryGetValue(key, out var list))
                {
                    runTogether[key] = list = [];
                }

                list.Add(new RunTogether(whole, i));
            }
        }

        var longest = 0;
        foreach (var (key, ids) in keys)
        {
            _exact[key] = [.. ids];
            longest = Math.Max(longest, key.Length);
        }

        var fuzzy = new List<FuzzyKey>[longest + 1];
        foreach (var (key, ids) in _exact)
        {
            if (key.Length >= TypoLength)
            {
                (fuzzy[key.Length] ??= []).Add(new FuzzyKey(Mask(key), ids));
            }
        }

        _fuzzyByLength = [.. fuzzy.Select(list => list is null ? [] : list.ToArray())];
        foreach (var (key, list) in runTogether)
        {
            _runTogether[key] = [.. list];
        }
    }

    public int Count => _phrases.Length;

    public string[] this[int index] => _phrases[index];

    /// <summary>The positions of the phrases that may match the tokens, in the list's order, each once.</summary>
    public List<int> Candidates(IReadOnlyList<string> tokens, IReadOnlySet<string> knownWords)
    {
        var found = new List<int>();
        AddCandidates(tokens, knownWords, found);
        SortDistinct(found);
        return found;
    }

    /// <summary>Adds the positions of the phrases that may match the tokens, unsorted and possibly repeated (<see cref="SortDistinct"/>).</summary>
    public void AddCandidates(IReadOnlyList<string> tokens, IReadOnlySet<string> knownWords, List<int> found)
    {
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (_exact.TryGetValue(token, out var exact))
            {
                found.AddRange(exact);
            }

            // PhraseMatcher.SameWord: a word the knowledge base spells this way is never a typo of another.
            if (token.Length >= TypoLength && !knownWords.Contains(token))
            {
                AddTypos(token, found);
            }

            if (token.Length > RunTogetherLength && _runTogether.Count > 0)
            {
                AddRunTogether(token, found);
            }
        }
    }

    public static void SortDistinct(List<int> found)
    {
        if (found.Count < 2)
        {
            return;
        }

        found.Sort();
        var kept = 1;
        for (var i = 1; i < found.Count; i++)
        {
            if (found[i] != found[kept - 1])
            {
                found[kept++] = found[i];
            }
        }

        found.RemoveRange(kept, found.Count - kept);
    }

    private void AddTypos(string token, List<int> found)
    {
        var mask = Mask(token);
        for (var length = Math.Max(TypoLength, token.Length - 2); length <= token.Length + 2 && length < _fuzzyByLength.Length; length++)
        {
            // As PhraseMatcher.SameWord: the shorter word's length sets how many edits are allowed.
            var shorter = Math.Min(length, token.Length);
            var allowed = shorter < TwoTyposLength ? 1 : 2;
            if (Math.Abs(length - token.Length) > allowed)
            {
                continue;
            }

            // An edit adds or removes at most one kind of character (a substitution both), so words within `allowed`
            // edits differ in at most 2 * allowed bits of their character masks.
            foreach (var key in _fuzzyByLength[length])
            {
                if (BitOperations.PopCount(key.Mask ^ mask) <= 2 * allowed)
                {
                    found.AddRange(key.Phrases);
                }
            }
        }
    }

    private void AddRunTogether(string token, List<int> found)
    {
        for (var start = 0; start + RunTogetherLength <= token.Length; start++)
        {
            if (!_runTogether.TryGetValue(Trigram(token.AsSpan(start)), out var wholes))
            {
                continue;
            }

            foreach (var whole in wholes)
            {
                if (token.AsSpan(start).StartsWith(whole.Text, StringComparison.Ordinal))
                {
                    found.Add(whole.Phrase);
                }
            }
        }
    }

    private static void AddKey(Dictionary<string, List<int>> keys, string key, int phrase)
    {
        if (!keys.TryGetValue(key, out var ids))
        {
            keys[key] = ids = [];
        }

        if (ids.Count == 0 || ids[^1] != phrase)
        {
            ids.Add(phrase);
        }
    }

    private static long Trigram(ReadOnlySpan<char> text) => text[0] | ((long)text[1] << 16) | ((long)text[2] << 32);

    /// <summary>Which characters a word holds, one bit each (letters and digits their own, others shared).</summary>
    private static ulong Mask(string word)
    {
        var mask = 0UL;
        foreach (var c in word)
        {
            var bit = c switch
            {
                >= 'a' and <= 'z' => c - 'a',
                >= '0' and <= '9' => 26 + (c - '0'),
                _ => 36 + (c % 28),
            };
            mask |= 1UL << bit;
        }

        return mask;
    }

    private readonly record struct FuzzyKey(ulong Mask, int[] Phrases);

    private readonly record struct RunTogether(string Text, int Phrase);
}
