using System.Net;
using System.Text.Json;
using HarmReduction.Bot.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HarmReduction.Bot.Tests.Channels.DirectLine;

/// <summary>Turns that finish (review M1, M2): bursts in one conversation and a shutdown in the middle of turns.</summary>
public sealed class DirectLineConcurrencyTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Theory]
    [InlineData("Memory")]
    [InlineData("Redis")]
    public async Task Five_posts_at_once_in_each_of_ten_conversations_are_all_stored_and_answered(string store)
    {
        using var server = new BotServer(Settings(store));
        using var client = new DirectLineHttp(server.BaseAddress);
        var conversations = new List<(string Id, string Token)>();
        for (var i = 0; i < 10; i++)
        {
            var (id, token, _) = await client.StartAsync();
            conversations.Add((id, token));
        }

        var posts = conversations.SelectMany(c => Enumerable.Range(0, 5).Select(_ => PostAsync(client, c.Id, c.Token, "what is naloxone"))).ToList();
        var statuses = await Task.WhenAll(posts);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        foreach (var (id, token) in conversations)
        {
            AssertEveryMessageAnswered(await client.GetActivitiesAsync(id, token), expectedMessages: 5);
        }
    }

    [Fact]
    public async Task Turns_in_flight_at_shutdown_finish_and_their_replies_are_stored()
    {
        var settings = Settings("Redis");
        var conversations = new List<(string Id, string Token)>();
        var statuses = new List<HttpStatusCode>();
        using (var first = new BotServer(settings))
        {
            using var client = new DirectLineHttp(first.BaseAddress);
            for (var i = 0; i < 20; i++)
            {
                var (id, token, _) = await client.StartAsync();
                conversations.Add((id, token));
            }

            var posts = conversations.Select(c => PostAsync(client, c.Id, c.Token, "how do i use narcan")).ToList();
            first.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            foreach (var post in posts)
            {
                try
                {
                    statuses.Add(await post);
                }
                catch (Exception e) when (e is HttpRequestException or System.Net.Sockets.SocketException)
                {
                    // Not accepted before the server stopped listening: never stored, so nothing is owed. A connection
                    // closed mid-connect can surface as a bare SocketException (seen on a loaded CI run).
                }
            }
        }

        using var second = new BotServer(settings);
        using var reader = new DirectLineHttp(second.BaseAddress);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        foreach (var (id, token) in conversations)
        {
            AssertEveryMessageAnswered(await reader.GetActivitiesAsync(id, token), expectedMessages: null);
        }
    }

    private Dictionary<string, string?> Settings(string store)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = DirectLineServer.Secret,
            ["WebChat:TokensPerMinute"] = "1000",
            ["State:Provider"] = store,
        };
        if (store == "Redis")
        {
            settings["State:Redis:Configuration"] = redis.Configuration;
            settings["State:Redis:KeyPrefix"] = $"conc-{Guid.NewGuid():n}:";
        }

        return settings;
    }

    private static async Task<HttpStatusCode> PostAsync(DirectLineHttp client, string conversationId, string token, string text)
    {
        using var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
            JsonSerializer.Serialize(new { type = "message", text }));
        return response.StatusCode;
    }

    /// <summary>Every user message in the transcript has a bot reply to it.</summary>
    private static void AssertEveryMessageAnswered(JsonElement set, int? expectedMessages)
    {
        var activities = set.GetProperty("activities").EnumerateArray().ToList();
        var asked = activities.Where(a => a.GetProperty("from").GetProperty("role").GetString() == "user" && a.GetProperty("type").GetString() == "message")
            .Select(a => a.GetProperty("id").GetString()).ToList();
        var answered = activities.Where(a => a.GetProperty("from").GetProperty("role").GetString() == "bot" && a.TryGetProperty("replyToId", out _))
            .Select(a => a.GetProperty("replyToId").GetString()).ToHashSet();
        if (expectedMessages is { } count)
        {
            Assert.Equal(count, asked.Count);
        }

        Assert.All(asked, id => Assert.Contains(id, answered));
    }
}
