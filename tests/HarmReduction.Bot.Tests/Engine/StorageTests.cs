using System.Text;
using HarmReduction.Bot.Conversation.State;
using Microsoft.Extensions.Time.Testing;

namespace HarmReduction.Bot.Tests.Engine;

public sealed class StorageTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Written_item_reads_back_with_its_etag()
    {
        var storage = new MemoryStorage(_time);
        var etag = await storage.WriteAsync("k", Bytes("v1"), null, Ttl, default);

        var item = await storage.ReadAsync("k", default);

        Assert.NotNull(item);
        Assert.Equal("v1", Text(item!.Value));
        Assert.Equal(etag, item.ETag);
    }

    [Fact]
    public async Task Write_with_a_stale_etag_is_a_conflict()
    {
        var storage = new MemoryStorage(_time);
        var first = await storage.WriteAsync("k", Bytes("v1"), null, Ttl, default);
        await storage.WriteAsync("k", Bytes("v2"), first, Ttl, default);

        await Assert.ThrowsAsync<EtagConflictException>(() => storage.WriteAsync("k", Bytes("v3"), first, Ttl, default));
        Assert.Equal("v2", Text((await storage.ReadAsync("k", default))!.Value));
    }

    [Fact]
    public async Task Creating_an_item_that_already_exists_is_a_conflict_but_star_overwrites()
    {
        var storage = new MemoryStorage(_time);
        await storage.WriteAsync("k", Bytes("v1"), null, Ttl, default);

        await Assert.ThrowsAsync<EtagConflictException>(() => storage.WriteAsync("k", Bytes("v2"), null, Ttl, default));
        await storage.WriteAsync("k", Bytes("v3"), StorageItem.AnyETag, Ttl, default);
        Assert.Equal("v3", Text((await storage.ReadAsync("k", default))!.Value));
    }

    [Fact]
    public async Task Items_expire_after_their_time_to_live()
    {
        var storage = new MemoryStorage(_time);
        await storage.WriteAsync("k", Bytes("v1"), null, Ttl, default);

        _time.Advance(Ttl - TimeSpan.FromSeconds(1));
        Assert.NotNull(await storage.ReadAsync("k", default));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await storage.ReadAsync("k", default));
        Assert.Equal(0, storage.Count);
    }

    [Fact]
    public async Task Each_write_restarts_the_time_to_live()
    {
        var storage = new MemoryStorage(_time);
        var etag = await storage.WriteAsync("k", Bytes("v1"), null, Ttl, default);
        _time.Advance(TimeSpan.FromMinutes(50));
        await storage.WriteAsync("k", Bytes("v2"), etag, Ttl, default);
        _time.Advance(TimeSpan.FromMinutes(50));

        Assert.Equal("v2", Text((await storage.ReadAsync("k", default))!.Value));
    }

    [Fact]
    public async Task Deleted_items_are_gone()
    {
        var storage = new MemoryStorage(_time);
        await storage.WriteAsync("k", Bytes("v1"), null, Ttl, default);
        await storage.DeleteAsync("k", default);

        Assert.Null(await storage.ReadAsync("k", default));
    }

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);
}
