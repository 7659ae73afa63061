using StackExchange.Redis;

namespace HarmReduction.Bot.Conversation.State;

/// <summary>
/// Redis storage, so any instance can answer any message. Each item is a hash {v: value, e: etag} with a PEXPIRE;
/// the compare-and-set runs as one Lua script, so the ETag check and the write cannot interleave with another writer.
/// </summary>
public sealed class RedisStorage(IConnectionMultiplexer redis, string keyPrefix) : IStorage
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

    private static readonly RedisValue[] Fields = ["v", "e"];

    public async Task<StorageItem?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var values = await redis.GetDatabase().HashGetAsync(KeyOf(key), Fields);
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
        var written = (long)await redis.GetDatabase().ScriptEvaluateAsync(WriteScript, new
        {
            key = KeyOf(key),
            mode,
            expected = expectedETag ?? string.Empty,
            value = value.ToArray(),
            etag,
            ttl = (long)Math.Ceiling(timeToLive.TotalMilliseconds),
        });
        return written == 1 ? etag : throw new EtagConflictException();
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await redis.GetDatabase().KeyDeleteAsync(KeyOf(key));
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
            return true;
        }
        catch (RedisException)
        {
            return false;
        }
    }

    private RedisKey KeyOf(string key) => keyPrefix + key;
}
