using System.Diagnostics;
using System.Net;
using System.Text.Json;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Channels.DirectLine;

/// <summary>What one anonymous client can make the server hold or do is bounded (review H2, M5): each limit flooded.</summary>
[Collection(ProcessMemoryCollection.Name)]
public sealed class DirectLineLimitsTests
{
    private const long MemoryBound = 100L * 1024 * 1024;

    [Fact]
    public async Task Fifty_activities_of_64_kb_from_one_token_are_refused_before_memory_grows_100_mb()
    {
        using var server = Server();
        using var client = new DirectLineHttp(server.BaseAddress);
        var (conversationId, token, _) = await client.StartAsync();
        var pad = new string('<', 64 * 1024 - 100);
        var before = ManagedAndResident();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            using var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
                JsonSerializer.Serialize(new { type = "zzz", channelData = new { pad } }));
            statuses.Add(response.StatusCode);
        }

        var after = ManagedAndResident();
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.RequestEntityTooLarge, s));
        Assert.True(after.Managed - before.Managed < MemoryBound, $"managed heap grew {(after.Managed - before.Managed) / 1024 / 1024} MB");
        Assert.True(after.Resident - before.Resident < MemoryBound, $"resident memory grew {(after.Resident - before.Resident) / 1024 / 1024} MB");
    }

    [Theory]
    [InlineData("text", 5000)]
    [InlineData("channelData", 2000)]
    [InlineData("value", 2000)]
    public async Task An_activity_over_a_field_limit_is_refused_with_413(string field, int size)
    {
        using var server = Server();
        using var client = new DirectLineHttp(server.BaseAddress);
        var (conversationId, token, _) = await client.StartAsync();
        var activity = field == "text"
            ? JsonSerializer.Serialize(new { type = "message", text = new string('a', size) })
            : JsonSerializer.Serialize(new Dictionary<string, object> { ["type"] = "event", ["name"] = "x", [field] = new { pad = new string('a', size) } });

        using var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("RequestTooLarge", await DirectLineHttp.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Posting_faster_than_the_per_conversation_rate_gets_429_with_retry_after()
    {
        using var server = Server(("DirectLine:PostsPerMinute", "5"));
        using var client = new DirectLineHttp(server.BaseAddress);
        var (conversationId, token, _) = await client.StartAsync();
        var (otherConversation, otherToken, _) = await client.StartAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, """{"type":"event","name":"ping"}""");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null);
            }
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        await client.PostMessageAsync(otherConversation, otherToken, "hi");
    }

    [Fact]
    public async Task A_conversation_that_reached_its_most_activities_gets_429_and_a_new_one_works()
    {
        using var server = Server(("DirectLine:MaxActivitiesPerConversation", "10"));
        using var client = new DirectLineHttp(server.BaseAddress);
        var (conversationId, token, _) = await client.StartAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            using var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, """{"type":"event","name":"ping"}""");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= 10);
        var (fresh, freshToken, _) = await client.StartAsync();
        await client.PostMessageAsync(fresh, freshToken, "hi");
    }

    [Fact]
    public async Task A_transcript_keeps_only_its_most_recent_activities()
    {
        using var server = Server(("DirectLine:TranscriptLength", "10"));
        using var client = new DirectLineHttp(server.BaseAddress);
        var (conversationId, token, _) = await client.StartAsync();
        for (var i = 0; i < 12; i++)
        {
            await client.PostMessageAsync(conversationId, token, "hi");
        }

        var all = await client.GetActivitiesAsync(conversationId, token);

        Assert.Equal(10, all.GetProperty("activities").GetArrayLength());
    }

    [Fact]
    public async Task Streams_beyond_the_instance_limit_are_refused_with_429()
    {
        using var server = Server(("DirectLine:MaxStreams", "2"));
        using var client = new DirectLineHttp(server.BaseAddress);
        var (_, _, first) = await client.StartAsync();
        var (_, _, second) = await client.StartAsync();
        var (_, _, third) = await client.StartAsync();

        using var one = await StreamClient.ConnectAsync(first);
        using var two = await StreamClient.ConnectAsync(second);

        Assert.Equal(429, await StreamClient.RefusalAsync(third));
    }

    [Fact]
    public async Task Direct_line_responses_are_never_cached()
    {
        using var server = Server();
        using var client = new DirectLineHttp(server.BaseAddress);
        var (conversationId, token, _) = await client.StartAsync();

        using var activities = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);
        using var refused = await client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", "forged");

        Assert.True(activities.Headers.CacheControl?.NoStore);
        Assert.True(refused.Headers.CacheControl?.NoStore);
        Assert.False(activities.Headers.Contains("Server"));
    }

    private static BotServer Server(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = DirectLineServer.Secret,
            ["WebChat:TokensPerMinute"] = "1000",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new BotServer(all);
    }

    private static (long Managed, long Resident) ManagedAndResident()
    {
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}
