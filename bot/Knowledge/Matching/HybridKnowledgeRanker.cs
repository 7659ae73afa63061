namespace HarmReduction.Bot.Knowledge.Matching;

/// <summary>
/// Lucene's BM25 decides the order (it weighs every phrasing of an entry, not just the closest one); our index decides
/// how sure to be (how much of the message the knowledge base talks about at all), so off-topic messages still fall back.
/// A candidate's score is the confidence scaled by its BM25 relative to the best. Lucene gets the text with our typo
/// corrections applied, which makes its fuzzy queries (the costly part) unnecessary.
/// </summary>
public sealed class HybridKnowledgeRanker(KnowledgeIndex own, LuceneKnowledgeIndex lucene) : IKnowledgeRanker, IDisposable
{
    public IEnumerable<string> Languages => own.Languages;

    public IReadOnlyList<KnowledgeMatch> Search(string text, string language, int top = 5)
    {
        var ordered = lucene.SearchRaw(own.CorrectTypos(text, language), language, top, fuzzy: false);
        if (ordered.Count == 0)
        {
            return [];
        }

        var confidence = own.Search(text, language, 3).Select(m => m.Score).DefaultIfEmpty(0).Max();
        var best = ordered[0].Bm25;
        return ordered
            .Select(hit => new KnowledgeMatch(hit.Entry, Math.Round(confidence * hit.Bm25 / best, 4)))
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Entry.Id, StringComparer.Ordinal)
            .ToList();
    }

    public void Dispose() => lucene.Dispose();
}
