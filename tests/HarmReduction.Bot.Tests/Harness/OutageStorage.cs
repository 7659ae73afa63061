using HarmReduction.Bot.Conversation.State;

namespace HarmReduction.Bot.Tests.Harness;

/// <summary>A store in memory that fails every call with <see cref="Down"/> while it is set, as a store that is down or whose client gives up.</summary>
internal sealed class OutageStorage(MemoryStorage inner) : IStorage
{
    public MemoryStorage Inner => inner;

    public Exception? Down { get; set; }

    private int _refused;

    public int Refused => Volatile.Read(ref _refused);

    public Task<StorageItem?> ReadAsync(string key, CancellationToken cancellationToken) => Call(() => inner.ReadAsync(key, cancellationToken));

    public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> value, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        Call(() => inner.WriteAsync(key, value, expectedETag, timeToLive, cancellationToken));

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => Call(async () => { await inner.DeleteAsync(key, cancellationToken); return true; });

    public Task<bool> CreateLogAsync(string key, ReadOnlyMemory<byte> header, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        Call(() => inner.CreateLogAsync(key, header, timeToLive, cancellationToken));

    public Task<long?> AppendLogAsync(string key, IReadOnlyList<ReadOnlyMemory<byte>> items, int keep, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        Call(() => inner.AppendLogAsync(key, items, keep, timeToLive, cancellationToken));

    public Task<LogSlice?> ReadLogAsync(string key, long after, CancellationToken cancellationToken) => Call(() => inner.ReadLogAsync(key, after, cancellationToken));

    public Task<bool> PingAsync(CancellationToken cancellationToken) => Down is null ? inner.PingAsync(cancellationToken) : Task.FromResult(false);

    private Task<T> Call<T>(Func<Task<T>> call)
    {
        if (Down is { } failure)
        {
            Interlocked.Increment(ref _refused);
            return Task.FromException<T>(failure);
        }

        return call();
    }
}
