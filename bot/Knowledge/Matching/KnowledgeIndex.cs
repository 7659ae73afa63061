using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Knowledge.Matching;

/// <summary>
/// Ranks entries for a message. Each entry is scored on how closely the message matches its closest question (or title),
/// how much of the message its questions, title and keywords explain, and how much its answer does; every word weighs
/// its inverse document frequency. Unknown words weigh the most, so a message about something else scores low.
/// Built once per knowledge snapshot; searching is read-only and thread-safe.
/// </summary>
public sealed class KnowledgeIndex
{
    private const double QuestionWeight = 0.55;
    private const double EntryWeight = 0.30;
    private const double AnswerWeight = 0.15;

    private readonly Dictionary<string, LanguageIndex> _languages = new(StringComparer.Ordinal);

    public KnowledgeIndex(KnowledgeBase knowledge)
    {
        foreach (var group in knowledge.Entries.GroupBy(e => e.Lang))
        {
            var analyzer = new TextAnalyzer(group.Key, knowledge.Synonyms.Rules.For(group.Key));
            _languages[group.Key] = new LanguageIndex(group.ToList(), analyzer);
        }
    }

    public IEnumerable<string> Languages => _languages.Keys;

    public IReadOnlyList<KnowledgeMatch> Search(string text, string language, int top = 5) =>
        _languages.TryGetValue(language, out var index) ? index.Search(text, top) : [];

    private sealed class LanguageIndex
    {
        private readonly TextAnalyzer _analyzer;
        private readonly List<IndexedEntry> _entries = [];
        private readonly Dictionary<string, double> _idf = new(StringComparer.Ordinal);
        private readonly TypoCorrector _typos;
        private readonly double _unknownIdf;

        public LanguageIndex(List<KnowledgeEntry> entries, TextAnalyzer analyzer)
        {
            _analyzer = analyzer;
            var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                var surface = entry.Questions.Append(entry.Title).Concat(entry.Keywords).Append(entry.SmsAnswer).Append(entry.WebAnswer)
                    .SelectMany(TextNormalizer.Tokens);
                foreach (var token in surface)
                {
                    vocabulary[token] = vocabulary.GetValueOrDefault(token) + 1;
                }

                var questions = entry.Questions.Append(entry.Title).Select(q => analyzer.Terms(q)).Where(t => t.Count > 0).ToList();
                var labels = new HashSet<string>(questions.SelectMany(q => q), StringComparer.Ordinal);
                labels.UnionWith(entry.Keywords.SelectMany(k => analyzer.Terms(k)));
                var answer = analyzer.Terms(entry.SmsAnswer + "\n" + entry.WebAnswer);
                _entries.Add(new IndexedEntry(entry, questions, labels, answer));
            }

            foreach (var word in analyzer.SynonymVocabulary)
            {
                vocabulary[word] = vocabulary.GetValueOrDefault(word) + 1;
            }

            var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var indexed in _entries)
            {
                foreach (var term in indexed.Labels.Union(indexed.Answer))
                {
                    documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
                }
            }

            var n = Math.Max(1, _entries.Count);
            foreach (var (term, df) in documentFrequency)
            {
                _idf[term] = Idf(n, df);
            }

            _unknownIdf = Idf(n, 0);
            _typos = new TypoCorrector(vocabulary);
        }

        public IReadOnlyList<KnowledgeMatch> Search(string text, int top)
        {
            var tokens = _typos.Correct(TextNormalizer.Tokens(text));
            var query = _analyzer.Terms(tokens);
            if (query.Count == 0)
            {
                return [];
            }

            var weights = query.ToDictionary(t => t, t => Square(_idf.GetValueOrDefault(t, _unknownIdf)), StringComparer.Ordinal);
            var queryMass = weights.Values.Sum();
            var results = new List<KnowledgeMatch>(_entries.Count);
            foreach (var indexed in _entries)
            {
                var best = 0.0;
                foreach (var question in indexed.Questions)
                {
                    best = Math.Max(best, Cosine(weights, queryMass, question));
                }

                var labelCoverage = Coverage(weights, queryMass, indexed.Labels);
                var answerCoverage = Coverage(weights, queryMass, indexed.Answer);
                var score = (QuestionWeight * best) + (EntryWeight * labelCoverage) + (AnswerWeight * answerCoverage);
                if (score > 0)
                {
                    results.Add(new KnowledgeMatch(indexed.Entry, Math.Round(score, 4)));
                }
            }

            return results.OrderByDescending(r => r.Score).ThenBy(r => r.Entry.Id, StringComparer.Ordinal).Take(top).ToList();
        }

        private double Cosine(Dictionary<string, double> weights, double queryMass, HashSet<string> question)
        {
            var shared = 0.0;
            var questionMass = 0.0;
            foreach (var term in question)
            {
                var w = Square(_idf.GetValueOrDefault(term, _unknownIdf));
                questionMass += w;
                if (weights.ContainsKey(term))
                {
                    shared += w;
                }
            }

            return shared == 0 ? 0 : shared / Math.Sqrt(queryMass * questionMass);
        }

        private static double Coverage(Dictionary<string, double> weights, double queryMass, HashSet<string> terms)
        {
            var shared = 0.0;
            foreach (var (term, weight) in weights)
            {
                if (terms.Contains(term))
                {
                    shared += weight;
                }
            }

            return shared / queryMass;
        }

        private static double Idf(int n, int df) => Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));

        private static double Square(double x) => x * x;
    }

    private sealed record IndexedEntry(KnowledgeEntry Entry, List<HashSet<string>> Questions, HashSet<string> Labels, HashSet<string> Answer);
}
