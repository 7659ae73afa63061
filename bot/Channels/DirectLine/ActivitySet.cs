using HarmReduction.Bot.Activities;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>What GET activities returns and what each stream frame carries.</summary>
public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string? Watermark);
