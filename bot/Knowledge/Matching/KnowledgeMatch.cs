namespace HarmReduction.Bot.Knowledge.Matching;

/// <summary>
/// A ranked candidate: the entry and how well the message matches it, 0 to 1; with the evidence behind the score when
/// the semantic layer ranked it (the lexical score and the cosine of the closest phrasing), for <c>ask --explain</c>.
/// </summary>
public sealed record KnowledgeMatch(KnowledgeEntry Entry, double Score, string? ClosestQuestion = null)
{
    public double? Lexical { get; init; }

    public double? Semantic { get; init; }
}
