using System.Text.Json;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation.State;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// Direct Line conversations and their transcripts in <see cref="IStorage"/>, expiring with <c>State:Ttl</c> after the
/// last activity, so any instance can serve any conversation and a polling client always sees everything.
/// </summary>
public sealed class ConversationStore(IStorage storage, IOptions<StateOptions> state, TimeProvider time)
{
    private const int MaxAttempts = 8;

    public async Task<DirectLineConversation?> GetAsync(string conversationId, CancellationToken cancellationToken) =>
        (await ReadAsync(conversationId, cancellationToken))?.Conversation;

    /// <summary>Stores a new conversation; false when one with that id already exists.</summary>
    public async Task<bool> TryCreateAsync(DirectLineConversation conversation, CancellationToken cancellationToken)
    {
        try
        {
            await storage.WriteAsync(Key(conversation.Id), Serialize(conversation), expectedETag: null, state.Value.Ttl, cancellationToken);
            return true;
        }
        catch (EtagConflictException)
        {
            return false;
        }
    }

    /// <summary>Appends to the transcript (ids and timestamps assigned here); null when the conversation is gone.</summary>
    public async Task<IReadOnlyList<Activity>?> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await ReadAsync(conversationId, cancellationToken);
            if (stored is null)
            {
                return null;
            }

            // Each attempt works on copies, so a lost race leaves the caller's activities untouched.
            var copies = activities.Select(a => a.Clone()).ToList();
            stored.Conversation.Append(copies, time.GetUtcNow());
            try
            {
                await storage.WriteAsync(Key(conversationId), Serialize(stored.Conversation), stored.ETag, state.Value.Ttl, cancellationToken);
                return copies;
            }
            catch (EtagConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    private async Task<StoredConversation?> ReadAsync(string conversationId, CancellationToken cancellationToken)
    {
        var item = await storage.ReadAsync(Key(conversationId), cancellationToken);
        if (item is null)
        {
            return null;
        }

        var conversation = JsonSerializer.Deserialize<DirectLineConversation>(item.Value.Span, ActivityJson.Options)
            ?? throw new JsonException("A stored Direct Line conversation was null.");
        return new StoredConversation(conversation, item.ETag);
    }

    private static byte[] Serialize(DirectLineConversation conversation) => JsonSerializer.SerializeToUtf8Bytes(conversation, ActivityJson.Options);

    /// <summary>Apart from the turn pipeline's own <c>{channel}/conversations/{id}</c> state keys.</summary>
    private static string Key(string conversationId) => $"directline/transcripts/{conversationId}";

    private sealed record StoredConversation(DirectLineConversation Conversation, string ETag);
}
