namespace HarmReduction.Bot.Answering;

/// <summary>What the clarify dialog offers: entry ids, best first. Stored on the dialog stack between turns.</summary>
public sealed record ClarifyOptions(IReadOnlyList<string> EntryIds);
