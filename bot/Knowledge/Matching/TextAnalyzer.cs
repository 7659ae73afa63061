using HarmReduction.Bot.Text;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace HarmReduction.Bot.Knowledge.Matching;

/// <summary>
/// Folded tokens to index terms for one language: slang and misspellings replaced by the words entries use (so a
/// concept counts once whichever word names it), stop words dropped, the rest stemmed with Snowball (Lucene.Net's stemmers).
/// </summary>
internal sealed class TextAnalyzer
{
    private readonly Dictionary<string, List<(string[] Variant, string[] Term)>> _synonymsByFirstToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _stemCache = new(StringComparer.Ordinal);
    private readonly Lock _stemLock = new();
    private readonly SnowballProgram _stemmer;

    public TextAnalyzer(string language, IEnumerable<SynonymRule> synonyms)
    {
        Language = language;
        _stemmer = language == "es" ? new SpanishStemmer() : new EnglishStemmer();
        foreach (var rule in synonyms)
        {
            var term = rule.Term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var variant in rule.Variants.Append(rule.Term).Distinct(StringComparer.Ordinal))
            {
                var tokens = variant.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (tokens.Length == 0)
                {
                    continue;
                }

                if (!_synonymsByFirstToken.TryGetValue(tokens[0], out var list))
                {
                    _synonymsByFirstToken[tokens[0]] = list = [];
                }

                list.Add((tokens, term));
            }
        }

        foreach (var list in _synonymsByFirstToken.Values)
        {
            list.Sort((a, b) => b.Variant.Length.CompareTo(a.Variant.Length));
        }
    }

    public string Language { get; }

    /// <summary>Every surface word the synonyms know, so the typo corrector can aim at slang too.</summary>
    public IEnumerable<string> SynonymVocabulary => _synonymsByFirstToken.Values.SelectMany(l => l).SelectMany(p => p.Variant.Concat(p.Term));

    public HashSet<string> Terms(string text) => Terms(TextNormalizer.Tokens(text));

    public HashSet<string> Terms(IReadOnlyList<string> tokens)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in Expand(tokens))
        {
            if (!StopWords.Contains(Language, token))
            {
                terms.Add(Stem(token));
            }
        }

        return terms;
    }

    /// <summary>The tokens with every synonym variant replaced by its term's words (longest variant first).</summary>
    public IEnumerable<string> Expand(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var replaced = false;
            if (_synonymsByFirstToken.TryGetValue(tokens[i], out var candidates))
            {
                foreach (var (variant, term) in candidates)
                {
                    if (StartsAt(tokens, i, variant))
                    {
                        foreach (var word in term)
                        {
                            yield return word;
                        }

                        i += variant.Length - 1;
                        replaced = true;
                        break;
                    }
                }
            }

            if (!replaced)
            {
                yield return tokens[i];
            }
        }
    }

    public string Stem(string token)
    {
        lock (_stemLock)
        {
            if (_stemCache.TryGetValue(token, out var stem))
            {
                return stem;
            }

            _stemmer.SetCurrent(token);
            _stemmer.Stem();
            stem = _stemmer.Current;
            if (_stemCache.Count < 50_000)
            {
                _stemCache[token] = stem;
            }

            return stem;
        }
    }

    private static bool StartsAt(IReadOnlyList<string> tokens, int start, string[] variant)
    {
        if (start + variant.Length > tokens.Count)
        {
            return false;
        }

        for (var j = 0; j < variant.Length; j++)
        {
            if (!string.Equals(tokens[start + j], variant[j], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
