using System.Text.Json;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation.State;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// Direct Line conversations and their transcripts in <see cref="IStorage"/>, expiring with <c>State:Ttl</c> after the
/// last activity, so any instance can serve any conversation and a polling client always sees everything. A transcript
/// is an append-only log of encrypted activities (<see cref="TranscriptProtector"/>): a post appends its own few
/// items and never reads or rewrites the rest, and the store never holds readable text. The log's header holds only the
/// conversation's user id and locale.
/// </summary>
public sealed class ConversationStore(IStorage storage, TranscriptProtector protector, IOptions<StateOptions> state, IOptions<DirectLineOptions> limits, TimeProvider time)
{
    /// <summary>Reads the conversation's header and its activities after <paramref name="after"/> (none by default); null when it is gone.</summary>
    public async Task<DirectLineConversation?> GetAsync(string conversationId, CancellationToken cancellationToken, long after = long.MaxValue)
    {
        var slice = await storage.ReadLogAsync(Key(conversationId), after, cancellationToken);
        if (slice is null)
        {
            return null;
        }

        var header = JsonSerializer.Deserialize<Header>(slice.Header.Span, ActivityJson.Options) ?? throw new JsonException("A stored Direct Line conversation header was null.");
        var activities = new List<Activity>(slice.Items.Count);
        for (var i = 0; i < slice.Items.Count; i++)
        {
            // An item that does not open under this conversation's key (the secret changed) is skipped, not shown.
            if (protector.Unprotect(conversationId, slice.Items[i].Span) is { } json)
            {
                var activity = JsonSerializer.Deserialize<Activity>(json, ActivityJson.Options)!;
                activity.Id = DirectLineConversation.ActivityId(conversationId, slice.FirstSequence + i);
                activities.Add(activity);
            }
        }

        return new DirectLineConversation
        {
            Id = conversationId,
            UserId = header.UserId,
            Locale = header.Locale,
            FirstSequence = activities.Count > 0 ? DirectLineConversation.SequenceOf(activities[0].Id) : slice.LastSequence + 1,
            LastSequence = slice.LastSequence,
            Activities = activities,
        };
    }

    /// <summary>Stores a new conversation; false when one with that id already exists.</summary>
    public Task<bool> TryCreateAsync(string conversationId, string userId, string? locale, CancellationToken cancellationToken) =>
        storage.CreateLogAsync(Key(conversationId), JsonSerializer.SerializeToUtf8Bytes(new Header(userId, locale), ActivityJson.Options), state.Value.Ttl, cancellationToken);

    /// <summary>
    /// Appends to the transcript (ids and timestamps assigned here) and returns the activities as stored; null when the
    /// conversation is gone. The activities passed in are not changed.
    /// </summary>
    public async Task<IReadOnlyList<Activity>?> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var copies = activities.Select(a =>
        {
            var copy = a.Clone();
            copy.Id = null;
            copy.Timestamp = now;
            return copy;
        }).ToList();
        var items = copies.Select(c => (ReadOnlyMemory<byte>)protector.Protect(conversationId, JsonSerializer.SerializeToUtf8Bytes(c, ActivityJson.Options))).ToList();
        var last = await storage.AppendLogAsync(Key(conversationId), items, limits.Value.TranscriptLength, state.Value.Ttl, cancellationToken);
        if (last is null)
        {
            return null;
        }

        for (var i = 0; i < copies.Count; i++)
        {
            copies[i].Id = DirectLineConversation.ActivityId(conversationId, last.Value - copies.Count + 1 + i);
        }

        return copies;
    }

    /// <summary>Apart from the turn pipeline's own <c>{channel}/conversations/{id}</c> state keys.</summary>
    private static string Key(string conversationId) => $"directline/transcripts/{conversationId}";

    private sealed record Header(string UserId, string? Locale);
}
