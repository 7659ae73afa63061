using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Knowledge.Matching;

/// <summary>
/// Ranks entries for a message. Each entry is scored on how closely the message matches its closest question (or title),
/// how much of the message its questions, title and keywords explain, and how much its answer does. A word weighs its
/// inverse document frequency if the knowledge base talks about it (it appears in some answer, title or keyword);
/// words that only ever occur in people's phrasings ("heard", "honestly") are conversation, not topic, and weigh little.
/// Built once per knowledge snapshot; searching is read-only and thread-safe.
/// </summary>
public sealed class KnowledgeIndex : IKnowledgeRanker
{
    private readonly Dictionary<string, LanguageIndex> _languages = new(StringComparer.Ordinal);

    public KnowledgeIndex(KnowledgeBase knowledge, RankingWeights weights)
    {
        foreach (var group in knowledge.Entries.GroupBy(e => e.Lang))
        {
            var analyzer = new TextAnalyzer(group.Key, knowledge.Synonyms.Rules.For(group.Key));
            _languages[group.Key] = new LanguageIndex(group.ToList(), analyzer, weights);
        }
    }

    public IEnumerable<string> Languages => _languages.Keys;

    public IReadOnlyList<KnowledgeMatch> Search(string text, string language, int top = 5) =>
        _languages.TryGetValue(language, out var index) ? index.Search(text, top) : [];

    /// <summary>
    /// Which entries the message names by topic: it holds every word of one of the entry's keywords, or two words of its
    /// title (the only one, for a one-word title). A message that shares only everyday words with an entry ("que hora es"
    /// with "how much water per hour") has no anchor there.
    /// </summary>
    public Func<KnowledgeEntry, bool> TopicAnchors(string text, string language) =>
        _languages.TryGetValue(language, out var index) ? index.TopicAnchors(text) : _ => false;

    /// <summary>How many distinct terms (stop words out, typos corrected, synonyms in) the message brings to a search.</summary>
    public int TermCount(string text, string language) =>
        _languages.TryGetValue(language, out var index) ? index.TermCount(text) : 0;

    /// <summary>The message's words with typos corrected to words the knowledge base uses.</summary>
    public string CorrectTypos(string text, string language) =>
        _languages.TryGetValue(language, out var index) ? index.CorrectTypos(text) : text;

    private sealed class LanguageIndex
    {
        private readonly TextAnalyzer _analyzer;
        private readonly List<IndexedEntry> _entries = [];
        private readonly Dictionary<string, double> _idf = new(StringComparer.Ordinal);
        private readonly TypoCorrector _typos;
        private readonly double _unknownIdf;
        private readonly RankingWeights _weights;
        private readonly TermPostings _postings;
        private readonly Dictionary<string, (HashSet<string> Title, List<HashSet<string>> Keywords)> _topics = new(StringComparer.Ordinal);

        public LanguageIndex(List<KnowledgeEntry> entries, TextAnalyzer analyzer, RankingWeights weights)
        {
            _analyzer = analyzer;
            _weights = weights;
            var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                var surface = entry.Questions.Append(entry.Title).Concat(entry.Keywords).Append(entry.SmsAnswer).Append(entry.WebAnswer)
                    .SelectMany(TextNormalizer.Tokens);
                foreach (var token in surface)
                {
                    vocabulary[token] = vocabulary.GetValueOrDefault(token) + 1;
                }

                var questionTexts = entry.Questions.Append(entry.Title).Where(q => analyzer.Terms(q).Count > 0).ToList();
                var questions = questionTexts.Select(q => analyzer.Terms(q)).ToList();
                var labels = new HashSet<string>(questions.SelectMany(q => q), StringComparer.Ordinal);
                labels.UnionWith(entry.Keywords.SelectMany(k => analyzer.Terms(k)));
                var answer = analyzer.Terms(entry.SmsAnswer + "\n" + entry.WebAnswer);
                var topicalLabels = analyzer.Terms(entry.Title);
                topicalLabels.UnionWith(entry.Keywords.SelectMany(k => analyzer.Terms(k)));
                _entries.Add(new IndexedEntry(entry, questions, questionTexts, labels, answer, topicalLabels));
                _topics[entry.Id] = (analyzer.Terms(entry.Title), entry.Keywords.Select(k => analyzer.Terms(k)).Where(k => k.Count > 0).ToList());
            }

            foreach (var word in analyzer.SynonymVocabulary)
            {
                vocabulary[word] = vocabulary.GetValueOrDefault(word) + 1;
            }

            var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
            var topical = new HashSet<string>(StringComparer.Ordinal);
            foreach (var indexed in _entries)
            {
                foreach (var term in indexed.Labels.Union(indexed.Answer))
                {
                    documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
                }

                topical.UnionWith(indexed.Answer);
                topical.UnionWith(indexed.Topical);
            }

            var n = Math.Max(1, _entries.Count);
            var conversational = Idf(n, n / 2);
            foreach (var (term, df) in documentFrequency)
            {
                _idf[term] = topical.Contains(term) ? Idf(n, df) : Math.Min(Idf(n, df), conversational);
            }

            // A word no entry uses ("cousin", "australia") counts like a rare word: it lowers every score a little,
            // so a message about something else scores low, without letting one stray word sink a good match.
            _unknownIdf = Idf(n, 1);
            _typos = new TypoCorrector(vocabulary, token => StopWords.Contains(analyzer.Language, token), token => DictionaryWords.Contains(analyzer.Language, token));
            _postings = new TermPostings(_entries.Select(e => (e.Questions, e.Labels, e.Answer)).ToList(), term => Square(_idf.GetValueOrDefault(term, _unknownIdf)));
        }

        public Func<KnowledgeEntry, bool> TopicAnchors(string text)
        {
            var terms = _analyzer.Terms(_typos.Correct(TextNormalizer.Tokens(text)));
            return entry => _topics.TryGetValue(entry.Id, out var topic)
                && (topic.Keywords.Any(k => k.IsSubsetOf(terms)) || topic.Title.Count(terms.Contains) >= Math.Min(2, topic.Title.Count));
        }

        public int TermCount(string text) => _analyzer.Terms(_typos.Correct(TextNormalizer.Tokens(text))).Count;

        public string CorrectTypos(string text) => string.Join(' ', _typos.Correct(TextNormalizer.Tokens(text)));

        /// <summary>
        /// Scores every entry as <c>Question × closest question's cosine + Labels × label coverage + AnswerText × answer
        /// coverage</c>, reading only the questions and entries that share a term with the message (the others score 0).
        /// The sums add the same weights in the same order as a full scan would, so the scores are exactly the same.
        /// </summary>
        public IReadOnlyList<KnowledgeMatch> Search(string text, int top)
        {
            var tokens = _typos.Correct(TextNormalizer.Tokens(text));
            var query = _analyzer.Terms(tokens);
            if (query.Count == 0)
            {
                return [];
            }

            var weights = new (int Term, double Weight)[query.Count];
            var queryMass = 0.0;
            var i = 0;
            foreach (var term in query)
            {
                var weight = Square(_idf.GetValueOrDefault(term, _unknownIdf));
                queryMass += weight;
                weights[i++] = (_postings.IdOf(term), weight);
            }

            var scores = _postings.Score(weights, queryMass);
            var results = new List<(double Score, int Entry, int Closest)>();
            for (var e = 0; e < _entries.Count; e++)
            {
                var (best, closest, labelShared, answerShared) = scores[e];
                var score = (_weights.Question * best) + (_weights.Labels * (labelShared / queryMass)) + (_weights.AnswerText * (answerShared / queryMass));
                if (score > 0)
                {
                    results.Add((Math.Round(score, 4), e, closest));
                }
            }

            results.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(_entries[a.Entry].Entry.Id, _entries[b.Entry].Entry.Id));
            return results.Take(top).Select(r =>
            {
                var indexed = _entries[r.Entry];
                return new KnowledgeMatch(indexed.Entry, r.Score, r.Closest >= 0 ? indexed.QuestionTexts[r.Closest] : null);
            }).ToList();
        }

        private static double Idf(int n, int df) => Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));

        private static double Square(double x) => x * x;
    }

    private sealed record IndexedEntry(KnowledgeEntry Entry, List<HashSet<string>> Questions, List<string> QuestionTexts, HashSet<string> Labels, HashSet<string> Answer, HashSet<string> Topical);
}

/// <summary>How the three kinds of evidence add up to an entry's score (they should sum to 1 so scores stay in 0..1).</summary>
public sealed record RankingWeights(double Question, double Labels, double AnswerText)
{
    public static readonly RankingWeights Default = new(0.55, 0.30, 0.15);
}
