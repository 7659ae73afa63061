namespace HarmReduction.Bot.Knowledge.Matching;

/// <summary>A ranked candidate: the entry and how well the message matches it, 0 to 1.</summary>
public sealed record KnowledgeMatch(KnowledgeEntry Entry, double Score, string? ClosestQuestion = null);
