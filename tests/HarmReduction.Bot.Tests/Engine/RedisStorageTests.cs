using System.Text;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Tests.Harness;
using StackExchange.Redis;

namespace HarmReduction.Bot.Tests.Engine;

public sealed class RedisStorageTests : IClassFixture<RedisServer>, IDisposable
{
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(1);
    private readonly ConnectionMultiplexer _redis;
    private readonly RedisStorage _storage;
    private readonly string _keyPrefix = "test-" + Guid.NewGuid().ToString("N") + ":";

    public RedisStorageTests(RedisServer server)
    {
        _redis = ConnectionMultiplexer.Connect(server.Configuration);
        _storage = new RedisStorage(_redis, _keyPrefix);
    }

    [Fact]
    public async Task Written_item_reads_back_with_its_etag()
    {
        var etag = await _storage.WriteAsync("k", Bytes("v1"), null, Ttl, default);

        var item = await _storage.ReadAsync("k", default);

        Assert.Equal("v1", Text(item!.Value));
        Assert.Equal(etag, item.ETag);
    }

    [Fact]
    public async Task Write_with_a_stale_etag_is_a_conflict_and_changes_nothing()
    {
        var first = await _storage.WriteAsync("k", Bytes("v1"), null, Ttl, default);
        await _storage.WriteAsync("k", Bytes("v2"), first, Ttl, default);

        await Assert.ThrowsAsync<EtagConflictException>(() => _storage.WriteAsync("k", Bytes("v3"), first, Ttl, default));
        await Assert.ThrowsAsync<EtagConflictException>(() => _storage.WriteAsync("k", Bytes("v4"), null, Ttl, default));
        Assert.Equal("v2", Text((await _storage.ReadAsync("k", default))!.Value));
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_etag_only_one_wins()
    {
        var etag = await _storage.WriteAsync("race", Bytes("start"), null, Ttl, default);

        var attempts = Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await _storage.WriteAsync("race", Bytes($"writer {i}"), etag, Ttl, default);
                return true;
            }
            catch (EtagConflictException)
            {
                return false;
            }
        });

        Assert.Equal(1, (await Task.WhenAll(attempts)).Count(won => won));
    }

    [Fact]
    public async Task Items_carry_a_redis_expiry_of_their_ttl()
    {
        await _storage.WriteAsync("k", Bytes("v1"), null, TimeSpan.FromMinutes(10), default);

        // The item's own key, read directly: scanning the shared server's whole keyspace timed out under load.
        var ttl = await _redis.GetDatabase().KeyTimeToLiveAsync(_keyPrefix + "k");

        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task Items_are_gone_after_they_expire()
    {
        await _storage.WriteAsync("short", Bytes("v1"), null, TimeSpan.FromMilliseconds(100), default);

        for (var i = 0; i < 50 && await _storage.ReadAsync("short", default) is not null; i++)
        {
            await Task.Delay(50);
        }

        Assert.Null(await _storage.ReadAsync("short", default));
    }

    [Fact]
    public async Task Conversation_state_survives_between_two_engine_instances_sharing_redis()
    {
        var settings = new Dictionary<string, string?>
        {
            ["State:Provider"] = "Redis",
            ["State:Redis:Configuration"] = _redis.Configuration,
            ["State:Redis:KeyPrefix"] = "shared-" + Guid.NewGuid().ToString("N") + ":",
        };
        using var first = new TestBotHost(settings);
        using var second = new TestBotHost(settings);
        var conversation = Guid.NewGuid().ToString("N");

        await new TestFlow(new TestAdapter(first.Pipeline, ChannelProfile.Sms(), conversation))
            .Send("how do i get narcan").AssertReplyContains("1)")
            .StartTestAsync();
        var flow = new TestFlow(new TestAdapter(second.Pipeline, ChannelProfile.Sms(), conversation));
        await flow.Send("1").AssertOutcome(TurnKind.Answer).StartTestAsync();

        Assert.IsType<RedisStorage>(second.Storage);
        Assert.NotEqual(TurnKind.Fallback, flow.Adapter.LastOutcome.Kind);
    }

    [Fact]
    public async Task Ping_answers_when_redis_is_up()
    {
        Assert.True(await _storage.PingAsync(default));
    }

    public void Dispose() => _redis.Dispose();

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);
}
