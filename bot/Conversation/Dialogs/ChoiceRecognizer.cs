using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Conversation.Dialogs;

/// <summary>Finds which choice a reply means: "2", "2)", "#2", "two", "dos", the option's words, or a close misspelling of them.</summary>
public static class ChoiceRecognizer
{
    private static readonly Dictionary<string, int> OrdinalWords = new(StringComparer.Ordinal)
    {
        ["one"] = 1, ["first"] = 1, ["uno"] = 1, ["primero"] = 1, ["primera"] = 1,
        ["two"] = 2, ["second"] = 2, ["dos"] = 2, ["segundo"] = 2, ["segunda"] = 2,
        ["three"] = 3, ["third"] = 3, ["tres"] = 3, ["tercero"] = 3, ["tercera"] = 3,
        ["four"] = 4, ["fourth"] = 4, ["cuatro"] = 4, ["cuarto"] = 4, ["cuarta"] = 4,
        ["five"] = 5, ["fifth"] = 5, ["cinco"] = 5, ["quinto"] = 5, ["quinta"] = 5,
    };

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "number", "option", "choice", "num", "no", "numero", "opcion", "the", "el", "la", "i", "want", "quiero", "pick", "please", "pls", "plz", "por", "favor",
    };

    public static FoundChoice? Recognize(string text, IReadOnlyList<Choice> choices)
    {
        var tokens = TextNormalizer.Tokens(text);
        if (tokens.Count == 0)
        {
            return null;
        }

        if (RecognizeNumber(tokens, choices.Count) is { } index)
        {
            return new FoundChoice(index, choices[index].Value);
        }

        var phrase = string.Join(' ', tokens);
        for (var i = 0; i < choices.Count; i++)
        {
            if (Names(choices[i]).Any(name => name == phrase))
            {
                return new FoundChoice(i, choices[i].Value);
            }
        }

        return RecognizeByWords(tokens, choices);
    }

    private static int? RecognizeNumber(IReadOnlyList<string> tokens, int count)
    {
        var meaningful = tokens.Where(t => !Filler.Contains(t)).ToList();
        if (meaningful.Count != 1)
        {
            return null;
        }

        var token = meaningful[0];
        var number = int.TryParse(token, out var n) ? n : OrdinalWords.GetValueOrDefault(token);
        return number >= 1 && number <= count ? number - 1 : null;
    }

    /// <summary>Every word of the reply must match a word of exactly one choice (allowing typos); the best-covered choice wins.</summary>
    private static FoundChoice? RecognizeByWords(IReadOnlyList<string> tokens, IReadOnlyList<Choice> choices)
    {
        var words = tokens.Where(t => !Filler.Contains(t)).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var best = -1;
        var bestCoverage = 0.0;
        var tie = false;
        for (var i = 0; i < choices.Count; i++)
        {
            foreach (var name in Names(choices[i]))
            {
                var nameWords = name.Split(' ');
                if (!words.All(word => nameWords.Any(candidate => IsSameWord(word, candidate))))
                {
                    continue;
                }

                var coverage = (double)words.Count / nameWords.Length;
                if (coverage > bestCoverage + 1e-9)
                {
                    (best, bestCoverage, tie) = (i, coverage, false);
                }
                else if (Math.Abs(coverage - bestCoverage) < 1e-9 && best != i)
                {
                    tie = true;
                }
            }
        }

        return best >= 0 && !tie ? new FoundChoice(best, choices[best].Value) : null;
    }

    private static bool IsSameWord(string word, string candidate)
    {
        if (word == candidate || (word.Length >= 3 && candidate.StartsWith(word, StringComparison.Ordinal)))
        {
            return true;
        }

        var allowed = EditDistance.AllowedTypos(Math.Min(word.Length, candidate.Length));
        return allowed > 0 && EditDistance.Compute(word, candidate, allowed) <= allowed;
    }

    private static IEnumerable<string> Names(Choice choice) =>
        new[] { choice.Value }.Concat(choice.Synonyms ?? []).Select(TextNormalizer.FoldToPhrase).Where(n => n.Length > 0);
}
