using HarmReduction.Bot.Semantic;

namespace HarmReduction.Bot.Knowledge.Matching;

/// <summary>
/// Meaning-based ranking: every listed phrasing and title of an entry is a vector; an entry scores the cosine of its
/// closest one to the message. Built once per knowledge snapshot; searching is read-only and thread-safe.
/// </summary>
public sealed class SemanticKnowledgeIndex
{
    private readonly Dictionary<string, LanguageVectors> _languages = new(StringComparer.Ordinal);

    /// <param name="table">The snapshot's vectors, shared with the safety net: a message its vote just compared is not compared again.</param>
    public SemanticKnowledgeIndex(KnowledgeBase knowledge, KnowledgeVectors vectors, SimilarityTable? table = null)
    {
        table ??= new SimilarityTable();
        foreach (var group in knowledge.Entries.GroupBy(e => e.Lang))
        {
            var phrasings = group.SelectMany(e => e.Questions.Append(e.Title).Distinct(StringComparer.Ordinal).Select(text => (Entry: e, Text: text))).ToList();
            var phrasingVectors = vectors.For(phrasings.Select(p => p.Text).ToList());
            _languages[group.Key] = new LanguageVectors(phrasings, phrasingVectors, table.Add(phrasingVectors), table);
        }
    }

    public IReadOnlyList<SemanticMatch> Search(float[] message, string language, int top = 10) =>
        _languages.TryGetValue(language, out var vectors) ? vectors.Search(message, top) : [];

    private sealed class LanguageVectors
    {
        private readonly List<(KnowledgeEntry Entry, string Text)> _phrasings;
        private readonly float[][] _vectors;
        private readonly int[] _rows;
        private readonly SimilarityTable _table;

        public LanguageVectors(List<(KnowledgeEntry Entry, string Text)> phrasings, IReadOnlyList<float[]> vectors, int[] rows, SimilarityTable table)
        {
            _phrasings = phrasings;
            _vectors = [.. vectors];
            _rows = rows;
            _table = table;
        }

        public IReadOnlyList<SemanticMatch> Search(float[] message, int top)
        {
            var best = new Dictionary<KnowledgeEntry, (double Similarity, int Phrasing)>(ReferenceEqualityComparer.Instance);
            var compared = _table.TryRecall(message, out var similarities);
            for (var i = 0; i < _vectors.Length; i++)
            {
                var similarity = (double)(compared ? similarities[_rows[i]] : Vectors.Cosine(message, _vectors[i]));
                var entry = _phrasings[i].Entry;
                if (!best.TryGetValue(entry, out var current) || similarity > current.Similarity)
                {
                    best[entry] = (similarity, i);
                }
            }

            return best.OrderByDescending(b => b.Value.Similarity).ThenBy(b => b.Key.Id, StringComparer.Ordinal).Take(top)
                .Select(b => new SemanticMatch(b.Key, Math.Round(b.Value.Similarity, 4), _phrasings[b.Value.Phrasing].Text))
                .ToList();
        }
    }
}

/// <summary>An entry and the cosine of its closest phrasing to the message.</summary>
public sealed record SemanticMatch(KnowledgeEntry Entry, double Similarity, string ClosestPhrasing);
