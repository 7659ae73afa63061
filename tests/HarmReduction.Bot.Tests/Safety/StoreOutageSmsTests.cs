using System.Net;
using HarmReduction.Bot.Channels.Sms;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Privacy;
using HarmReduction.Bot.Tests.Channels.Sms;
using HarmReduction.Bot.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// SMS with the state store stopped or paused (review H3, M4, M6): the emergency reply never waits for it, STOP is
/// honoured and HELP answered, and a sender who opted out is never sent an outage notice.
/// </summary>
public sealed class StoreOutageSmsTests : IAsyncLifetime, IDisposable
{
    private const string Token = SignedSmsServer.AuthToken;

    private readonly RedisServer _redis = new();
    private readonly BotServer _server;

    public StoreOutageSmsTests()
    {
        _server = new BotServer(new Dictionary<string, string?>
        {
            ["Sms:Twilio:AuthToken"] = Token,
            ["Privacy:HashKey"] = "test-hash-key-that-is-long-enough-0001",
            ["State:Provider"] = "Redis",
            ["State:Redis:Configuration"] = _redis.Configuration + ",connectTimeout=500,asyncTimeout=3000,syncTimeout=3000",
        });
    }

    public Task InitializeAsync() => _server.WaitUntilReadyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task With_the_store_stopped_an_emergency_text_gets_the_overdose_steps()
    {
        var phone = Phone();
        _redis.Stop();

        var reply = await phone.SendAsync("my friend is not breathing");

        AssertOverdoseSteps(reply);
    }

    [Fact]
    public async Task With_the_store_paused_an_emergency_text_gets_the_overdose_steps_before_twilio_gives_up()
    {
        var phone = Phone();
        using var admin = _redis.Admin();
        await phone.SendAsync("hi");
        // Paused for longer than Twilio waits (15 s): only a reply that does not wait for the store arrives in time.
        await admin.GetServers()[0].ExecuteAsync("CLIENT", "PAUSE", "20000", "ALL");

        var reply = await Phone(phone.Number).SendAsync("my friend is not breathing");

        AssertOverdoseSteps(reply);
    }

    [Fact]
    public async Task A_noncharacter_in_an_emergency_text_is_cleaned_away_before_the_safety_check()
    {
        var reply = await Phone().SendAsync("he is not breathing\uFFFE");

        AssertOverdoseSteps(reply);
    }

    [Fact]
    public async Task Stop_during_an_outage_is_confirmed_and_applied_when_the_store_returns()
    {
        var phone = Phone();
        Assert.NotEmpty((await phone.SendAsync("where can i get naloxone")).Messages);
        _redis.Stop();

        var stop = await phone.SendAsync("STOP");
        var help = await phone.SendAsync("HELP");
        _redis.Restart();
        await EventuallyAsync(async () => await OptedOutInStoreAsync(phone.Number));
        var afterwards = await phone.SendAsync("where can i get naloxone");

        Assert.Contains("opted out", stop.Text, StringComparison.Ordinal);
        Assert.Contains("Reply STOP", help.Text, StringComparison.Ordinal);
        Assert.Empty(afterwards.Messages);
    }

    [Fact]
    public async Task During_an_outage_only_a_sender_known_to_be_active_is_told_the_service_is_down()
    {
        var active = Phone();
        var optedOut = Phone();
        Assert.NotEmpty((await active.SendAsync("where can i get naloxone")).Messages);
        Assert.Contains("opted out", (await optedOut.SendAsync("STOP")).Text, StringComparison.Ordinal);
        _redis.Stop();

        var toActive = await active.SendAsync("how do i use narcan");
        var toOptedOut = await optedOut.SendAsync("how do i use narcan");
        var emergencyToOptedOut = await optedOut.SendAsync("my friend is not breathing");
        var toStranger = await Phone().SendAsync("how do i use narcan");

        Assert.Contains("can't answer right now", Assert.Single(toActive.Messages), StringComparison.Ordinal);
        Assert.Empty(toOptedOut.Messages);
        Assert.Empty(emergencyToOptedOut.Messages);
        Assert.Empty(toStranger.Messages);
    }

    public void Dispose()
    {
        _server.Dispose();
        _redis.Dispose();
    }

    private TwilioPhone Phone(string? number = null) =>
        new(_server.BaseAddress, Token, number ?? TwilioPhone.NewNumber()) { Timeout = TimeSpan.FromSeconds(15) };

    private static void AssertOverdoseSteps(SmsResponse reply)
    {
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Contains("Call 911", reply.Text, StringComparison.Ordinal);
        Assert.Contains("naloxone", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("can't answer right now", reply.Text, StringComparison.Ordinal);
    }

    private async Task<bool> OptedOutInStoreAsync(string number)
    {
        var pseudonym = _server.Services.GetRequiredService<Pseudonymizer>().Pseudonymize("phone", number);
        try
        {
            return await _server.Services.GetRequiredService<IStorage>().ReadAsync(OptOutStore.KeyFor(SmsWebhook.ChannelId, pseudonym), default) is not null;
        }
        catch (RedisException)
        {
            return false;
        }
    }

    /// <summary>Waits (up to 20 s) for the queued change to reach the store; a condition, not a timing assertion.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("the queued opt-out did not reach the store within 20 s");
    }
}
