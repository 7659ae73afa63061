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

    /// <summary>
    /// Creates an append-only log under <paramref name="key"/> with a small <paramref name="header"/>; false when it
    /// exists. The log and its header expire <paramref name="timeToLive"/> after the last append.
    /// </summary>
    Task<bool> CreateLogAsync(string key, ReadOnlyMemory<byte> header, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="items"/> to an existing log, keeping only its last <paramref name="keep"/> items, without
    /// reading or rewriting what is there. Items are numbered from 1 over the log's life; returns the number of the last
    /// one appended, or null when the log does not exist (never created, or expired).
    /// </summary>
    Task<long?> AppendLogAsync(string key, IReadOnlyList<ReadOnlyMemory<byte>> items, int keep, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>The log's header and its items numbered above <paramref name="after"/>; null when it does not exist.</summary>
    Task<LogSlice?> ReadLogAsync(string key, long after, CancellationToken cancellationToken);

    /// <summary>Whether the store answers (readiness).</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}

public sealed record StorageItem(ReadOnlyMemory<byte> Value, string ETag)
{
    public const string AnyETag = "*";
}

/// <summary>Part of a log: its header, the number of its last item, and the items after the number asked for (the first numbered <see cref="FirstSequence"/>).</summary>
public sealed record LogSlice(ReadOnlyMemory<byte> Header, long LastSequence, long FirstSequence, IReadOnlyList<ReadOnlyMemory<byte>> Items);

public sealed class EtagConflictException()
    : Exception("The stored item changed since it was read.");
