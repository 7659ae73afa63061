using HarmReduction.Bot.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace HarmReduction.Bot.Knowledge.Matching;

/// <summary>
/// The Lucene.Net alternative: one document per entry with questions, title, keywords and answer as boosted fields,
/// EnglishAnalyzer / SpanishAnalyzer (stop words, Porter / light Spanish stemming), our synonyms applied first, and a
/// fuzzy clause per longer word for typos. BM25 scores are unbounded, so they are squashed to 0..1 as s / (s + k).
/// </summary>
public sealed class LuceneKnowledgeIndex : IKnowledgeRanker, IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly (string Field, float Boost)[] Fields = [("questions", 3f), ("title", 2f), ("keywords", 1.5f), ("answer", 1f)];

    private readonly Dictionary<string, LanguageIndex> _languages = new(StringComparer.Ordinal);
    private readonly double _squash;

    public LuceneKnowledgeIndex(KnowledgeBase knowledge, double squash = 12.0)
    {
        _squash = squash;
        foreach (var group in knowledge.Entries.GroupBy(e => e.Lang))
        {
            _languages[group.Key] = new LanguageIndex(group.ToList(), group.Key, new TextAnalyzer(group.Key, knowledge.Synonyms.Rules.For(group.Key)));
        }
    }

    public IEnumerable<string> Languages => _languages.Keys;

    public IReadOnlyList<KnowledgeMatch> Search(string text, string language, int top = 5) =>
        SearchRaw(text, language, top).Select(h => new KnowledgeMatch(h.Entry, Math.Round(h.Bm25 / (h.Bm25 + _squash), 4))).ToList();

    /// <summary>Hits with their raw BM25 scores, best first. Without <paramref name="fuzzy"/>, words must match as analyzed (for text already spell-corrected).</summary>
    public IReadOnlyList<(KnowledgeEntry Entry, double Bm25)> SearchRaw(string text, string language, int top, bool fuzzy = true) =>
        _languages.TryGetValue(language, out var index) ? index.Search(text, top, fuzzy) : [];

    public void Dispose()
    {
        foreach (var index in _languages.Values)
        {
            index.Dispose();
        }
    }

    private sealed class LanguageIndex : IDisposable
    {
        private readonly Analyzer _analyzer;
        private readonly TextAnalyzer _synonyms;
        private readonly RAMDirectory _directory = new();
        private readonly DirectoryReader _reader;
        private readonly IndexSearcher _searcher;
        private readonly Dictionary<int, KnowledgeEntry> _byDocument = [];

        public LanguageIndex(List<KnowledgeEntry> entries, string language, TextAnalyzer synonyms)
        {
            _synonyms = synonyms;
            _analyzer = language == "es" ? new SpanishAnalyzer(Version) : new EnglishAnalyzer(Version);
            using (var writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _analyzer) { Similarity = new BM25Similarity() }))
            {
                foreach (var entry in entries)
                {
                    writer.AddDocument(
                    [
                        new StringField("id", entry.Id, Field.Store.YES),
                        new TextField("questions", Prepare(string.Join(" . ", entry.Questions)), Field.Store.NO),
                        new TextField("title", Prepare(entry.Title), Field.Store.NO),
                        new TextField("keywords", Prepare(string.Join(" . ", entry.Keywords)), Field.Store.NO),
                        new TextField("answer", Prepare(entry.SmsAnswer + " " + entry.WebAnswer), Field.Store.NO),
                    ]);
                }

                writer.Commit();
            }

            _reader = DirectoryReader.Open(_directory);
            _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
            var byId = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
            for (var doc = 0; doc < _reader.MaxDoc; doc++)
            {
                _byDocument[doc] = byId[_reader.Document(doc).Get("id")];
            }
        }

        public IReadOnlyList<(KnowledgeEntry Entry, double Bm25)> Search(string text, int top, bool fuzzy)
        {
            var terms = AnalyzedTerms(Prepare(text));
            if (terms.Count == 0)
            {
                return [];
            }

            var query = new BooleanQuery();
            foreach (var term in terms)
            {
                foreach (var (field, boost) in Fields)
                {
                    query.Add(new TermQuery(new Term(field, term)) { Boost = boost }, Occur.SHOULD);
                    if (fuzzy && term.Length >= 5)
                    {
                        query.Add(new FuzzyQuery(new Term(field, term), 1) { Boost = boost * 0.5f }, Occur.SHOULD);
                    }
                }
            }

            lock (_searcher)
            {
                return _searcher.Search(query, top).ScoreDocs.Select(hit => (_byDocument[hit.Doc], (double)hit.Score)).ToList();
            }
        }

        public void Dispose()
        {
            _reader.Dispose();
            _directory.Dispose();
            _analyzer.Dispose();
        }

        private string Prepare(string text) => string.Join(' ', _synonyms.Expand(TextNormalizer.Tokens(text)));

        private HashSet<string> AnalyzedTerms(string text)
        {
            var terms = new HashSet<string>(StringComparer.Ordinal);
            using var stream = _analyzer.GetTokenStream("questions", text);
            var attribute = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                terms.Add(attribute.ToString());
            }

            stream.End();
            return terms;
        }
    }
}
