using System.Text.Json.Serialization;
using HarmReduction.Bot.Activities;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// One Direct Line conversation as stored: who it belongs to and its transcript. Activity <c>n</c> of the conversation
/// has the id <c>{conversationId}|{n}</c>, and a watermark is the <c>n</c> of the last activity a client has seen.
/// </summary>
public sealed class DirectLineConversation
{
    /// <summary>Most activities kept; older ones drop off the front (a client that far behind gets what is left).</summary>
    public const int MaxActivities = 200;

    public required string Id { get; init; }

    public required string UserId { get; init; }

    public string? Locale { get; init; }

    /// <summary>The sequence number of <see cref="Activities"/>[0].</summary>
    public long FirstSequence { get; set; } = 1;

    public List<Activity> Activities { get; set; } = [];

    [JsonIgnore]
    public long LastSequence => FirstSequence + Activities.Count - 1;

    /// <summary>Activities after <paramref name="watermark"/>, oldest first.</summary>
    public IReadOnlyList<Activity> After(long watermark)
    {
        var skip = (int)Math.Clamp(watermark - FirstSequence + 1, 0, Activities.Count);
        return Activities.GetRange(skip, Activities.Count - skip);
    }

    /// <summary>Appends activities, giving each its id (and the server's timestamp), and trims the transcript.</summary>
    public void Append(IEnumerable<Activity> activities, DateTimeOffset now)
    {
        foreach (var activity in activities)
        {
            activity.Id = ActivityId(Id, LastSequence + 1);
            activity.Timestamp = now;
            Activities.Add(activity);
        }

        var excess = Activities.Count - MaxActivities;
        if (excess > 0)
        {
            Activities.RemoveRange(0, excess);
            FirstSequence += excess;
        }
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
