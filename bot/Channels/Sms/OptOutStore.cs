using HarmReduction.Bot.Conversation.State;

namespace HarmReduction.Bot.Channels.Sms;

/// <summary>
/// Who said STOP, by conversation id: on SMS that is the keyed pseudonym of the number, never the number itself.
/// The record holds nothing but its key.
/// </summary>
public sealed class OptOutStore(IStorage storage)
{
    /// <summary>
    /// Storage insists on an expiry for everything, but an opt-out must not lapse while the person still expects
    /// silence: 400 days outlasts a year of not texting, and every message that arrives while opted out starts the
    /// period again. Only the pseudonym is kept, so the long life costs no privacy.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);

    private static readonly byte[] Marker = "optout"u8.ToArray();

    public static string KeyFor(string channelId, string conversationId) => $"{channelId}/optout/{conversationId}";

    public async Task<bool> IsOptedOutAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        await storage.ReadAsync(KeyFor(channelId, conversationId), cancellationToken) is not null;

    /// <summary>Records the opt-out, or starts its lifetime again if it exists.</summary>
    public Task OptOutAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        storage.WriteAsync(KeyFor(channelId, conversationId), Marker, StorageItem.AnyETag, Lifetime, cancellationToken);

    public Task OptInAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        storage.DeleteAsync(KeyFor(channelId, conversationId), cancellationToken);
}
