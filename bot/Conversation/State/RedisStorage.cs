using StackExchange.Redis;

namespace HarmReduction.Bot.Conversation.State;

/// <summary>
/// Redis storage, so any instance can answer any message. Each item is a hash {v: value, e: etag} with a PEXPIRE;
/// the compare-and-set runs as one Lua script, so the ETag check and the write cannot interleave with another writer.
/// A log is a hash {h: header, n: number of the last item} beside a list of its items, appended with RPUSH and trimmed
/// with LTRIM in one script: an append never reads or rewrites what is already there.
/// </summary>
public sealed class RedisStorage : IStorage
{
    private static readonly LuaScript WriteScript = LuaScript.Prepare(
        """
        local cur = redis.call('HGET', @key, 'e')
        if @mode == 'absent' then
          if cur then return 0 end
        elseif @mode == 'match' then
          if cur ~= @expected then return 0 end
        end
        redis.call('DEL', @key)
        redis.call('HSET', @key, 'v', @value, 'e', @etag)
        redis.call('PEXPIRE', @key, @ttl)
        return 1
        """);

    // KEYS: header hash, item list. ARGV: header, ttl.
    private const string CreateLogScript =
        """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('DEL', KEYS[2])
        redis.call('HSET', KEYS[1], 'h', ARGV[1], 'n', 0)
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    // KEYS: header hash, item list. ARGV: keep, ttl, items...
    private const string AppendLogScript =
        """
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        local last = redis.call('HINCRBY', KEYS[1], 'n', #ARGV - 2)
        redis.call('RPUSH', KEYS[2], unpack(ARGV, 3))
        redis.call('LTRIM', KEYS[2], -tonumber(ARGV[1]), -1)
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        return last
        """;

    // KEYS: header hash, item list. ARGV: after. Returns {header, last, first, items...}.
    private const string ReadLogScript =
        """
        local head = redis.call('HMGET', KEYS[1], 'h', 'n')
        if not head[1] then return false end
        local last = tonumber(head[2])
        local count = redis.call('LLEN', KEYS[2])
        local first = last - count + 1
        local skip = tonumber(ARGV[1]) - first + 1
        if skip < 0 then skip = 0 end
        if skip > count then skip = count end
        local result = {head[1], last, first + skip}
        if skip < count then
          local items = redis.call('LRANGE', KEYS[2], skip, -1)
          for i = 1, #items do result[#result + 1] = items[i] end
        end
        return result
        """;

    private static readonly RedisValue[] Fields = ["v", "e"];

    private readonly Task<IConnectionMultiplexer> _redis;
    private readonly string _keyPrefix;

    public RedisStorage(IConnectionMultiplexer redis, string keyPrefix)
        : this(Task.FromResult(redis), keyPrefix)
    {
    }

    /// <summary>A connection still being made: every operation waits for it without blocking a thread.</summary>
    public RedisStorage(Task<IConnectionMultiplexer> redis, string keyPrefix)
    {
        _redis = redis;
        _keyPrefix = keyPrefix;
    }

    /// <summary>Completes when the first connection attempt has finished (connected or not).</summary>
    public Task Connecting => _redis;

    public async Task<StorageItem?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var values = await (await DatabaseAsync(cancellationToken)).HashGetAsync(KeyOf(key), Fields);
        if (values[0].IsNull || values[1].IsNull)
        {
            return null;
        }

        return new StorageItem((byte[])values[0]!, values[1].ToString());
    }

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> value, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        var etag = Guid.NewGuid().ToString("N");
        var mode = expectedETag switch
        {
            null => "absent",
            StorageItem.AnyETag => "any",
            _ => "match",
        };
        var written = (long)await (await DatabaseAsync(cancellationToken)).ScriptEvaluateAsync(WriteScript, new
        {
            key = KeyOf(key),
            mode,
            expected = expectedETag ?? string.Empty,
            value = value.ToArray(),
            etag,
            ttl = Milliseconds(timeToLive),
        });
        return written == 1 ? etag : throw new EtagConflictException();
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await (await DatabaseAsync(cancellationToken)).KeyDeleteAsync([KeyOf(key), ItemsOf(key)]);
    }

    public async Task<bool> CreateLogAsync(string key, ReadOnlyMemory<byte> header, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        var created = await (await DatabaseAsync(cancellationToken)).ScriptEvaluateAsync(
            CreateLogScript, [KeyOf(key), ItemsOf(key)], [header.ToArray(), Milliseconds(timeToLive)]);
        return (long)created == 1;
    }

    public async Task<long?> AppendLogAsync(string key, IReadOnlyList<ReadOnlyMemory<byte>> items, int keep, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        ArgumentOutOfRangeException.ThrowIfZero(items.Count);
        var values = new RedisValue[items.Count + 2];
        values[0] = keep;
        values[1] = Milliseconds(timeToLive);
        for (var i = 0; i < items.Count; i++)
        {
            values[i + 2] = items[i].ToArray();
        }

        var last = (long)await (await DatabaseAsync(cancellationToken)).ScriptEvaluateAsync(AppendLogScript, [KeyOf(key), ItemsOf(key)], values);
        return last < 0 ? null : last;
    }

    public async Task<LogSlice?> ReadLogAsync(string key, long after, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = await (await DatabaseAsync(cancellationToken)).ScriptEvaluateAsync(ReadLogScript, [KeyOf(key), ItemsOf(key)], [after]);
        if (result.IsNull)
        {
            return null;
        }

        var parts = (RedisResult[])result!;
        var items = parts.Skip(3).Select(p => (ReadOnlyMemory<byte>)(byte[])p!).ToList();
        return new LogSlice((byte[])parts[0]!, (long)parts[1], (long)parts[2], items);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await (await DatabaseAsync(cancellationToken)).PingAsync();
            return true;
        }
        catch (RedisException)
        {
            return false;
        }
    }

    private async Task<IDatabase> DatabaseAsync(CancellationToken cancellationToken)
    {
        var redis = _redis.IsCompletedSuccessfully ? _redis.Result : await _redis.WaitAsync(cancellationToken);
        return redis.GetDatabase();
    }

    private static long Milliseconds(TimeSpan timeToLive) => (long)Math.Ceiling(timeToLive.TotalMilliseconds);

    private RedisKey KeyOf(string key) => _keyPrefix + key;

    private RedisKey ItemsOf(string key) => _keyPrefix + key + ":items";
}
