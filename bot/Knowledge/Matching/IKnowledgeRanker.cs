namespace HarmReduction.Bot.Knowledge.Matching;

/// <summary>
/// Ranks knowledge entries for a message, scores 0 to 1. Two implementations, compared on accuracy and speed in
/// docs/answering.md: <see cref="KnowledgeIndex"/> (ours, the default) and <see cref="LuceneKnowledgeIndex"/> (Lucene.Net BM25).
/// </summary>
public interface IKnowledgeRanker
{
    IEnumerable<string> Languages { get; }

    IReadOnlyList<KnowledgeMatch> Search(string text, string language, int top = 5);
}

public enum RankerKind
{
    /// <summary>Question-level matching with topical word weights (<see cref="KnowledgeIndex"/>).</summary>
    Questions,

    /// <summary>Lucene.Net BM25 over weighted fields with fuzzy terms (<see cref="LuceneKnowledgeIndex"/>).</summary>
    Lucene,

    /// <summary>Lucene's order with our index's confidence (<see cref="HybridKnowledgeRanker"/>).</summary>
    Hybrid,
}
