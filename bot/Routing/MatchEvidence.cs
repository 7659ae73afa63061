using System.Runtime.CompilerServices;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Routing;

/// <summary>
/// Why a message pulls toward an entry, in the terms staff edit: a keyword whose words are all in the message, a synonym
/// that turned a word of the message into a word the entry uses, a listed phrasing it shares words (or meaning) with, its
/// title, its answer. Each pull weighs the rarity (idf) of the words it accounts for, so "naloxone" counts more than
/// "where". Built once per knowledge snapshot and shared by <c>ask --explain</c> and <c>validate --routing</c>.
/// </summary>
internal sealed class MatchEvidence
{
    private static readonly ConditionalWeakTable<KnowledgeBase, MatchEvidence> Cache = [];

    private readonly KnowledgeIndex _index;
    private readonly Dictionary<string, LanguageTerms> _languages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EntryTerms> _entries = new(StringComparer.Ordinal);

    private MatchEvidence(KnowledgeBase knowledge)
    {
        _index = new KnowledgeIndex(knowledge, RankingWeights.Default);
        foreach (var group in knowledge.Entries.GroupBy(e => e.Lang))
        {
            var analyzer = new TextAnalyzer(group.Key, knowledge.Synonyms.Rules.For(group.Key));
            var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in group)
            {
                var terms = new EntryTerms(
                    entry.Questions.Select(q => analyzer.Terms(q)).ToList(),
                    analyzer.Terms(entry.Title),
                    entry.Keywords.Select(k => analyzer.Terms(k)).ToList(),
                    analyzer.Terms(entry.SmsAnswer + "\n" + entry.WebAnswer));
                _entries[entry.Id] = terms;
                foreach (var term in terms.All)
                {
                    documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
                }
            }

            var n = Math.Max(1, group.Count());
            var idf = documentFrequency.ToDictionary(kv => kv.Key, kv => Idf(n, kv.Value), StringComparer.Ordinal);
            _languages[group.Key] = new LanguageTerms(analyzer, idf, Idf(n, 1), knowledge.Synonyms.Rules.For(group.Key));
        }
    }

    public static MatchEvidence For(KnowledgeBase knowledge) => Cache.GetValue(knowledge, k => new MatchEvidence(k));

    /// <summary>The message as the matcher reads it: folded, typos corrected to known words, slang replaced by the entries' words.</summary>
    public string ReadAs(string text, string language)
    {
        if (!_languages.TryGetValue(language, out var terms))
        {
            return TextNormalizer.FoldToPhrase(text);
        }

        var corrected = TextNormalizer.Tokens(_index.CorrectTypos(text, language));
        return string.Join(' ', terms.Analyzer.Expand(corrected));
    }

    /// <summary>The entry's listed phrasing closest in words to the message (for rankers that do not say).</summary>
    public string? ClosestByWords(string text, KnowledgeEntry entry)
    {
        if (!_languages.TryGetValue(entry.Lang, out var language) || !_entries.TryGetValue(entry.Id, out var terms))
        {
            return null;
        }

        var message = language.Analyzer.Terms(TextNormalizer.Tokens(_index.CorrectTypos(text, entry.Lang)));
        var best = -1;
        var bestScore = 0.0;
        for (var i = 0; i < terms.Questions.Count; i++)
        {
            var shared = terms.Questions[i].Where(message.Contains).Sum(language.Weight);
            var mass = Math.Sqrt(terms.Questions[i].Sum(language.Weight) * Math.Max(message.Sum(language.Weight), 1e-9));
            var score = mass == 0 ? 0 : shared / mass;
            if (score > bestScore)
            {
                (best, bestScore) = (i, score);
            }
        }

        return best >= 0 ? entry.Questions[best] : null;
    }

    /// <summary>
    /// Everything in <paramref name="entry"/> the message pulls on, strongest first. <paramref name="closestPhrasing"/> and
    /// <paramref name="similarity"/> come from the meaning layer when it ranked the entry.
    /// </summary>
    public IReadOnlyList<Pull> Pulls(string text, string language, KnowledgeEntry entry, string? closestPhrasing = null, double? similarity = null)
    {
        if (!_languages.TryGetValue(language, out var lang) || !_entries.TryGetValue(entry.Id, out var terms) || entry.Lang != language)
        {
            return [];
        }

        var tokens = TextNormalizer.Tokens(_index.CorrectTypos(text, language));
        var message = lang.Analyzer.Terms(tokens);
        var words = WordsByTerm(tokens, lang);
        var pulls = new List<Pull>();

        for (var i = 0; i < entry.Keywords.Count; i++)
        {
            var keyword = terms.Keywords[i];
            if (keyword.Count > 0 && keyword.All(message.Contains))
            {
                pulls.Add(new Pull(PullKind.Keyword, entry.Keywords[i], Words(keyword, words), keyword.Sum(lang.Weight), At(entry.KeywordPositions, i)));
            }
        }

        var labels = terms.Labels;
        foreach (var rule in lang.Synonyms)
        {
            foreach (var variant in rule.Variants.Where(v => v != rule.Term && ContainsPhrase(TextNormalizer.Tokens(text), v)))
            {
                var ruleTerms = lang.Analyzer.Terms(rule.Term).Where(labels.Contains).ToList();
                if (ruleTerms.Count > 0)
                {
                    pulls.Add(new Pull(PullKind.Synonym, $"{variant} -> {rule.Term}", [variant], ruleTerms.Sum(lang.Weight), rule.Position));
                }
            }
        }

        var phrasing = closestPhrasing is not null && entry.Questions.Contains(closestPhrasing, StringComparer.Ordinal) ? closestPhrasing : ClosestByWords(text, entry);
        if (phrasing is not null)
        {
            var index = IndexOf(entry.Questions, phrasing);
            var shared = (index >= 0 ? terms.Questions[index] : lang.Analyzer.Terms(phrasing)).Where(message.Contains).ToList();
            var strength = Math.Max(shared.Sum(lang.Weight), similarity is { } s ? s * lang.Unknown : 0);
            if (strength > 0)
            {
                pulls.Add(new Pull(PullKind.Phrasing, phrasing, Words(shared, words), strength, index >= 0 ? entry.QuestionAt(index) : null) { Similarity = similarity });
            }
        }

        var title = terms.Title.Where(message.Contains).ToList();
        if (title.Count > 0)
        {
            pulls.Add(new Pull(PullKind.Title, entry.Title, Words(title, words), title.Sum(lang.Weight), entry.Position));
        }

        var answerOnly = terms.Answer.Where(t => message.Contains(t) && !labels.Contains(t)).ToList();
        if (answerOnly.Count > 0)
        {
            pulls.Add(new Pull(PullKind.Answer, "answer", Words(answerOnly, words), 0.3 * answerOnly.Sum(lang.Weight), entry.Position));
        }

        return pulls.OrderByDescending(p => Math.Round(p.Strength, 6)).ThenBy(p => p.Kind).ToList();
    }

    /// <summary>Each term of the message with the message's own words that became it ("needles" for "syringe").</summary>
    private static Dictionary<string, List<string>> WordsByTerm(IReadOnlyList<string> tokens, LanguageTerms language)
    {
        var words = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string term, string word)
        {
            if (!words.TryGetValue(term, out var list))
            {
                words[term] = list = [];
            }

            if (!list.Contains(word, StringComparer.Ordinal))
            {
                list.Add(word);
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var single = language.Analyzer.Terms([tokens[i]]);
            foreach (var term in single)
            {
                Add(term, tokens[i]);
            }

            // A two-word synonym ("hep c", "rhino tranq") becomes terms neither word makes alone.
            if (i + 1 < tokens.Count)
            {
                var pair = language.Analyzer.Terms([tokens[i], tokens[i + 1]]);
                pair.ExceptWith(single);
                pair.ExceptWith(language.Analyzer.Terms([tokens[i + 1]]));
                foreach (var term in pair)
                {
                    Add(term, $"{tokens[i]} {tokens[i + 1]}");
                }
            }
        }

        return words;
    }

    private static IReadOnlyList<string> Words(IEnumerable<string> terms, Dictionary<string, List<string>> words) =>
        terms.SelectMany(t => words.TryGetValue(t, out var list) ? list : [t]).Distinct(StringComparer.Ordinal).ToList();

    private static bool ContainsPhrase(IReadOnlyList<string> tokens, string phrase)
    {
        var parts = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + parts.Length <= tokens.Count; i++)
        {
            if (parts.Select((p, j) => tokens[i + j] == p).All(x => x))
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static SourcePosition? At(IReadOnlyList<SourcePosition> positions, int index) => index < positions.Count ? positions[index] : null;

    private static double Idf(int n, int df) => Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));

    private sealed record LanguageTerms(TextAnalyzer Analyzer, Dictionary<string, double> Idf, double Unknown, IReadOnlyList<SynonymRule> Synonyms)
    {
        public double Weight(string term) => Idf.GetValueOrDefault(term, Unknown);
    }

    private sealed record EntryTerms(List<HashSet<string>> Questions, HashSet<string> Title, List<HashSet<string>> Keywords, HashSet<string> Answer)
    {
        public HashSet<string> Labels { get; } = [.. Questions.SelectMany(q => q), .. Title, .. Keywords.SelectMany(k => k)];

        public IEnumerable<string> All => Labels.Union(Answer);
    }
}

public enum PullKind
{
    Keyword,
    Synonym,
    Phrasing,
    Title,
    Answer,
}

/// <summary>One reason a message pulls toward an entry: what (a keyword, a synonym, a phrasing...), the message's words it accounts for, where it is written.</summary>
public sealed record Pull(PullKind Kind, string What, IReadOnlyList<string> Words, double Strength, SourcePosition? At)
{
    /// <summary>The cosine of the phrasing to the message, when the meaning layer measured it.</summary>
    public double? Similarity { get; init; }

    public override string ToString()
    {
        var where = At is null ? string.Empty : $" ({At})";
        return Kind switch
        {
            PullKind.Keyword => $"keyword '{What}'{where}",
            PullKind.Synonym => $"synonym '{What}'{where}",
            PullKind.Phrasing => $"shared phrasing '{What}'{(Words.Count > 0 ? $" (words: {string.Join(", ", Words)})" : string.Empty)}{(Similarity is { } s ? $" meaning {s.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}" : string.Empty)}{where}",
            PullKind.Title => $"title words: {string.Join(", ", Words)}",
            _ => $"answer words: {string.Join(", ", Words)}",
        };
    }
}
