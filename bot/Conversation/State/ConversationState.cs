using System.Text.Json;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Conversation.State;

/// <summary>Loads a conversation's <see cref="ConversationData"/> from storage and saves it back with its ETag.</summary>
public sealed class ConversationState(IStorage storage, IOptions<StateOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string KeyFor(string channelId, string conversationId) => $"{channelId}/conversations/{conversationId}";

    public async Task<LoadedState> LoadAsync(string key, CancellationToken cancellationToken)
    {
        var item = await storage.ReadAsync(key, cancellationToken);
        if (item is null)
        {
            return new LoadedState(key, new ConversationData(), ETag: null);
        }

        var data = JsonSerializer.Deserialize<ConversationData>(item.Value.Span, Json) ?? new ConversationData();
        return new LoadedState(key, data, item.ETag);
    }

    public Task<string> SaveAsync(LoadedState loaded, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(loaded.Data, Json);
        return storage.WriteAsync(loaded.Key, bytes, loaded.ETag, options.Value.Ttl, cancellationToken);
    }

    public Task ClearAsync(string key, CancellationToken cancellationToken) => storage.DeleteAsync(key, cancellationToken);
}

public sealed record LoadedState(string Key, ConversationData Data, string? ETag);
