namespace HarmReduction.Bot.Conversation.State;

/// <summary>
/// Key-value storage for state between turns, with ETag optimistic concurrency and expiry.
/// Two implementations: <see cref="MemoryStorage"/> and <see cref="RedisStorage"/>.
/// </summary>
public interface IStorage
{
    Task<StorageItem?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="value"/> if the stored ETag still equals <paramref name="expectedETag"/>
    /// (<c>null</c>: the key must not exist; <see cref="StorageItem.AnyETag"/>: write regardless) and returns the new ETag.
    /// The item expires <paramref name="timeToLive"/> after this write.
    /// </summary>
    /// <exception cref="EtagConflictException">Someone else wrote the key since it was read.</exception>
    Task<string> WriteAsync(string key, ReadOnlyMemory<byte> value, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Whether the store answers (readiness).</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}

public sealed record StorageItem(ReadOnlyMemory<byte> Value, string ETag)
{
    public const string AnyETag = "*";
}

public sealed class EtagConflictException()
    : Exception("The stored item changed since it was read.");
