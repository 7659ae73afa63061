namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>The answer to a posted activity: the id the server gave it.</summary>
public sealed record ResourceResponse(string Id);
