namespace HarmReduction.Bot.Conversation.State;

/// <summary>In-process storage: the default, for one instance. Expired items are dropped on access and by a sweep.</summary>
public sealed class MemoryStorage(TimeProvider timeProvider) : IStorage
{
    private readonly Dictionary<string, Entry> _items = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _nextETag;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public Task<StorageItem?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            SweepIfDue(now);
            if (_items.TryGetValue(key, out var entry) && entry.ExpiresAt > now)
            {
                return Task.FromResult<StorageItem?>(new StorageItem(entry.Value.ToArray(), entry.ETag));
            }

            _items.Remove(key);
            return Task.FromResult<StorageItem?>(null);
        }
    }

    public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> value, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            var current = _items.TryGetValue(key, out var entry) && entry.ExpiresAt > now ? entry : null;
            var matches = expectedETag switch
            {
                StorageItem.AnyETag => true,
                null => current is null,
                _ => current is not null && string.Equals(current.ETag, expectedETag, StringComparison.Ordinal),
            };
            if (!matches)
            {
                throw new EtagConflictException();
            }

            var etag = (++_nextETag).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _items[key] = new Entry(value.ToArray(), etag, now + timeToLive);
            return Task.FromResult(etag);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _items.Remove(key);
        }

        return Task.CompletedTask;
    }

    public Task<bool> PingAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>Number of live items; lets tests prove that expired state is really gone.</summary>
    internal int Count
    {
        get
        {
            lock (_lock)
            {
                var now = timeProvider.GetUtcNow();
                return _items.Values.Count(e => e.ExpiresAt > now);
            }
        }
    }

    /// <summary>Raw stored bytes of every live item, for privacy tests that scan the store.</summary>
    internal IReadOnlyList<byte[]> Snapshot()
    {
        lock (_lock)
        {
            return _items.Values.Select(e => e.Value.ToArray()).ToList();
        }
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        foreach (var key in _items.Where(kv => kv.Value.ExpiresAt <= now).Select(kv => kv.Key).ToList())
        {
            _items.Remove(key);
        }

        _nextSweep = now.AddMinutes(1);
    }

    private sealed record Entry(byte[] Value, string ETag, DateTimeOffset ExpiresAt);
}
