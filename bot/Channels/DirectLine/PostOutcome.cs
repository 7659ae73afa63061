namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>How posting one activity went: its id, or why there is none.</summary>
public sealed record PostOutcome(PostStatus Status, string? ActivityId);
