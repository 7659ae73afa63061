using System.Net;
using HarmReduction.Bot.Tests.Channels.Sms;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Hosting;

/// <summary>A fresh start on Redis takes a burst at once (review M3): the connection is made before the first request needs it.</summary>
public sealed class ColdStartTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Sixty_four_texts_right_after_a_start_on_redis_all_get_their_answer_within_the_reply_timeout()
    {
        using var server = new BotServer(new Dictionary<string, string?>
        {
            ["Sms:Twilio:AuthToken"] = SignedSmsServer.AuthToken,
            ["Privacy:HashKey"] = "test-hash-key-that-is-long-enough-0001",
            ["State:Provider"] = "Redis",
            ["State:Redis:Configuration"] = redis.Configuration,
            ["State:Redis:KeyPrefix"] = $"cold-{Guid.NewGuid():n}:",
        });

        // Twilio's own limit; the bot's reply timeout (8 s) turns anything slower into the safe reply, which fails below.
        var replies = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ =>
            new TwilioPhone(server.BaseAddress, SignedSmsServer.AuthToken, TwilioPhone.NewNumber()) { Timeout = TimeSpan.FromSeconds(15) }
                .SendAsync("where can i get naloxone")));

        Assert.All(replies, reply =>
        {
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Contains("naloxone", reply.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("can't answer right now", reply.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Readiness_waits_for_the_store_warm_up_and_then_reports_the_knowledge_version()
    {
        using var server = new BotServer(new Dictionary<string, string?>
        {
            ["State:Provider"] = "Redis",
            ["State:Redis:Configuration"] = redis.Configuration,
        });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var ready = await http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Matches(@"knowledge: Healthy \(\d+ entries, version [0-9a-f]{12} loaded ", await ready.Content.ReadAsStringAsync());
    }
}
