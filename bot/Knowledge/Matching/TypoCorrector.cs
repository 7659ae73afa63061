using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Knowledge.Matching;

/// <summary>
/// Maps words the knowledge base has never seen to the closest word it has ("narcn" to "narcan", "breathin" to "breathing"),
/// and splits run-together words ("notbreathing") when both halves are known. A real word of the index's language is
/// never a typo, even one no entry uses (<see cref="DictionaryWords"/>).
/// </summary>
internal sealed class TypoCorrector(IReadOnlyDictionary<string, int> vocabulary, Func<string, bool> isStopWord, Func<string, bool> isRealWord)
{
    private readonly Dictionary<int, List<string>> _byLength = vocabulary.Keys
        .GroupBy(w => w.Length)
        .ToDictionary(g => g.Key, g => g.ToList());

    public IReadOnlyList<string> Correct(IReadOnlyList<string> tokens)
    {
        var corrected = new List<string>(tokens.Count);
        foreach (var token in tokens)
        {
            if (vocabulary.ContainsKey(token) || token.Length < 5 || token.All(char.IsDigit) || isStopWord(token) || isRealWord(token))
            {
                corrected.Add(token);
                continue;
            }

            if (Closest(token) is { } closest)
            {
                corrected.Add(closest);
            }
            else if (Split(token) is { } parts)
            {
                corrected.AddRange(parts);
            }
            else
            {
                corrected.Add(token);
            }
        }

        return corrected;
    }

    /// <summary>
    /// The closest known word within one edit (two from ten letters on), keeping the first letter (or swapping the first
    /// two): people rarely mistype the start of a word, and real words that merely look alike ("violently", "violent")
    /// should stay themselves.
    /// </summary>
    private string? Closest(string token)
    {
        var allowed = token.Length >= 10 ? 2 : 1;
        string? best = null;
        var bestDistance = allowed + 1;
        var bestFrequency = 0;
        for (var length = token.Length - allowed; length <= token.Length + allowed; length++)
        {
            if (!_byLength.TryGetValue(length, out var words))
            {
                continue;
            }

            foreach (var word in words)
            {
                if (word.Length < 4 || !SameStart(token, word))
                {
                    continue;
                }

                var distance = EditDistance.Compute(token, word, Math.Min(allowed, bestDistance));
                var frequency = vocabulary[word];
                if (distance < bestDistance || (distance == bestDistance && distance <= allowed && frequency > bestFrequency))
                {
                    (best, bestDistance, bestFrequency) = (word, distance, frequency);
                }
            }
        }

        return bestDistance <= allowed ? best : null;
    }

    private static bool SameStart(string a, string b) =>
        a[0] == b[0] || (a.Length > 1 && b.Length > 1 && a[0] == b[1] && a[1] == b[0]);

    private string[]? Split(string token)
    {
        for (var i = 2; i <= token.Length - 2; i++)
        {
            var left = token[..i];
            var right = token[i..];
            if (left.Length >= 3 && right.Length >= 3 && vocabulary.ContainsKey(left) && vocabulary.ContainsKey(right) && (!isStopWord(left) || !isStopWord(right)))
            {
                return [left, right];
            }
        }

        return null;
    }
}
