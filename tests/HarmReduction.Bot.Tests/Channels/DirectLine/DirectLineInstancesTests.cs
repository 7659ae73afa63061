using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Channels.DirectLine;

/// <summary>Two instances behind one Redis and one secret: any of them serves any conversation.</summary>
public sealed class DirectLineInstancesTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Another_instance_serves_the_same_conversation_from_shared_state()
    {
        var settings = new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = DirectLineServer.Secret,
            ["State:Provider"] = "Redis",
            ["State:Redis:Configuration"] = redis.Configuration,
            ["State:Redis:KeyPrefix"] = $"dl-{Guid.NewGuid():n}:",
        };
        using var first = new BotServer(settings);
        using var second = new BotServer(settings);
        using var one = new DirectLineHttp(first.BaseAddress);
        using var two = new DirectLineHttp(second.BaseAddress);

        var (conversationId, token, _) = await one.StartAsync();
        var asked = await one.PostMessageAsync(conversationId, token, "what is naloxone");
        var followUp = await two.PostMessageAsync(conversationId, token, "where can i get it for free");
        var seenByFirst = (await one.GetActivitiesAsync(conversationId, token)).GetProperty("activities").EnumerateArray()
            .Select(a => a.GetProperty("id").GetString()).ToList();
        var seenBySecond = (await two.GetActivitiesAsync(conversationId, token)).GetProperty("activities").EnumerateArray()
            .Select(a => a.GetProperty("id").GetString()).ToList();

        Assert.Equal(seenByFirst, seenBySecond);
        Assert.Contains(asked, seenBySecond);
        Assert.Contains(followUp, seenByFirst);
        Assert.True(seenByFirst.Count >= 4);
    }
}
