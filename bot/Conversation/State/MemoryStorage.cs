namespace HarmReduction.Bot.Conversation.State;

/// <summary>In-process storage: the default, for one instance. Expired items are dropped on access and by a sweep.</summary>
public sealed class MemoryStorage(TimeProvider timeProvider) : IStorage
{
    private readonly Dictionary<string, Entry> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Log> _logs = new(StringComparer.Ordinal);
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
            _logs.Remove(key);
        }

        return Task.CompletedTask;
    }

    public Task<bool> CreateLogAsync(string key, ReadOnlyMemory<byte> header, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            if (_logs.TryGetValue(key, out var log) && log.ExpiresAt > now)
            {
                return Task.FromResult(false);
            }

            _logs[key] = new Log(header.ToArray()) { ExpiresAt = now + timeToLive };
            return Task.FromResult(true);
        }
    }

    public Task<long?> AppendLogAsync(string key, IReadOnlyList<ReadOnlyMemory<byte>> items, int keep, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            if (!_logs.TryGetValue(key, out var log) || log.ExpiresAt <= now)
            {
                _logs.Remove(key);
                return Task.FromResult<long?>(null);
            }

            foreach (var item in items)
            {
                log.Items.Add(item.ToArray());
            }

            log.Last += items.Count;
            if (log.Items.Count > keep)
            {
                log.Items.RemoveRange(0, log.Items.Count - keep);
            }

            log.ExpiresAt = now + timeToLive;
            return Task.FromResult<long?>(log.Last);
        }
    }

    public Task<LogSlice?> ReadLogAsync(string key, long after, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_logs.TryGetValue(key, out var log) || log.ExpiresAt <= timeProvider.GetUtcNow())
            {
                return Task.FromResult<LogSlice?>(null);
            }

            var first = log.Last - log.Items.Count + 1;
            var skip = (int)Math.Clamp(after - first + 1, 0, log.Items.Count);
            var items = log.Items.Skip(skip).Select(i => (ReadOnlyMemory<byte>)i.ToArray()).ToList();
            return Task.FromResult<LogSlice?>(new LogSlice(log.Header.ToArray(), log.Last, first + skip, items));
        }
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
                return _items.Values.Count(e => e.ExpiresAt > now) + _logs.Values.Count(l => l.ExpiresAt > now);
            }
        }
    }

    /// <summary>Raw stored bytes of every live item, for privacy tests that scan the store.</summary>
    internal IReadOnlyList<byte[]> Snapshot()
    {
        lock (_lock)
        {
            return _items.Values.Select(e => e.Value.ToArray())
                .Concat(_logs.Values.SelectMany(l => l.Items.Prepend(l.Header)).Select(i => i.ToArray()))
                .ToList();
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

        foreach (var key in _logs.Where(kv => kv.Value.ExpiresAt <= now).Select(kv => kv.Key).ToList())
        {
            _logs.Remove(key);
        }

        _nextSweep = now.AddMinutes(1);
    }

    private sealed record Entry(byte[] Value, string ETag, DateTimeOffset ExpiresAt);

    private sealed class Log(byte[] header)
    {
        public byte[] Header { get; } = header;

        public List<byte[]> Items { get; } = [];

        public long Last { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
