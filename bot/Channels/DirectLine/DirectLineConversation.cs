using HarmReduction.Bot.Activities;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// One Direct Line conversation as read from the store: who it belongs to and the part of its transcript asked for.
/// Activity <c>n</c> of the conversation has the id <c>{conversationId}|{n}</c>, and a watermark is the <c>n</c> of the
/// last activity a client has seen.
/// </summary>
public sealed class DirectLineConversation
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public string? Locale { get; init; }

    /// <summary>The sequence number of <see cref="Activities"/>[0] (one past <see cref="LastSequence"/> when there are none).</summary>
    public long FirstSequence { get; init; } = 1;

    /// <summary>The number of the conversation's last activity (0 before the first).</summary>
    public long LastSequence { get; init; }

    /// <summary>The activities read, oldest first, with their ids.</summary>
    public IReadOnlyList<Activity> Activities { get; init; } = [];

    /// <summary>Activities after <paramref name="watermark"/>, oldest first.</summary>
    public IReadOnlyList<Activity> After(long watermark)
    {
        var skip = (int)Math.Clamp(watermark - FirstSequence + 1, 0, Activities.Count);
        return Activities.Skip(skip).ToList();
    }

    /// <summary>The sequence number in an activity id this server gave; 0 for anything else.</summary>
    public static long SequenceOf(string? activityId)
    {
        var bar = activityId?.LastIndexOf('|') ?? -1;
        return bar >= 0 && long.TryParse(activityId.AsSpan(bar + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : 0;
    }

    public static string ActivityId(string conversationId, long sequence) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{conversationId}|{sequence:D7}");
}
