using HarmReduction.Bot.Activities;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// While the state store is down, what a conversation said and was answered (an emergency reply above all) is kept here,
/// in this instance's memory only, for a few minutes, so the client still gets it over its stream or by polling. Bounded
/// in conversations, activities and time; never written anywhere. Ids are <c>{conversationId}|outage-{n}</c>: they do
/// not move the watermark, and clients drop repeats by id.
/// </summary>
public sealed class OutageTranscripts(TimeProvider time)
{
    public const int MaxConversations = 10_000;
    public const int MaxActivitiesPerConversation = 20;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, Kept> _kept = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _next;

    /// <summary>Keeps the activities, giving each its id and the time; returns them as kept.</summary>
    public IReadOnlyList<Activity> Add(string conversationId, IReadOnlyList<Activity> activities)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            Sweep(now);
            if (!_kept.TryGetValue(conversationId, out var kept))
            {
                if (_kept.Count >= MaxConversations)
                {
                    return Stamp(conversationId, activities, now);
                }

                _kept[conversationId] = kept = new Kept();
            }

            var stamped = Stamp(conversationId, activities, now);
            kept.Activities.AddRange(stamped);
            if (kept.Activities.Count > MaxActivitiesPerConversation)
            {
                kept.Activities.RemoveRange(0, kept.Activities.Count - MaxActivitiesPerConversation);
            }

            kept.ExpiresAt = now + Lifetime;
            return stamped;
        }
    }

    public IReadOnlyList<Activity> Get(string conversationId)
    {
        lock (_lock)
        {
            return _kept.TryGetValue(conversationId, out var kept) && kept.ExpiresAt > time.GetUtcNow() ? [.. kept.Activities] : [];
        }
    }

    private List<Activity> Stamp(string conversationId, IReadOnlyList<Activity> activities, DateTimeOffset now) =>
        activities.Select(a =>
        {
            var copy = a.Clone();
            copy.Id = $"{conversationId}|outage-{Interlocked.Increment(ref _next)}";
            copy.Timestamp = now;
            return copy;
        }).ToList();

    private void Sweep(DateTimeOffset now)
    {
        foreach (var expired in _kept.Where(k => k.Value.ExpiresAt <= now).Select(k => k.Key).ToList())
        {
            _kept.Remove(expired);
        }
    }

    private sealed class Kept
    {
        public List<Activity> Activities { get; } = [];

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
