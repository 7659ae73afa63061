using System.Net;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Tests.Channels.DirectLine;
using HarmReduction.Bot.Tests.Channels.Sms;
using HarmReduction.Bot.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// A store client that gives up with a cancellation of its own (StackExchange.Redis cancels what it had queued when a
/// connection drops), not the caller's: it is an outage like any other, and an emergency still gets the overdose steps
/// on the web (posting and polling) and by SMS.
/// </summary>
public sealed class StoreGivesUpTests : IDisposable
{
    private readonly BotServer _server;
    private readonly DirectLineHttp _client;
    private OutageStorage? _storage;

    public StoreGivesUpTests()
    {
        _server = new BotServer(
            new Dictionary<string, string?>
            {
                ["DirectLine:Secret"] = DirectLineServer.Secret,
                ["WebChat:TokensPerMinute"] = "1000",
                ["Sms:Twilio:AuthToken"] = SignedSmsServer.AuthToken,
                ["Privacy:HashKey"] = "test-hash-key-that-is-long-enough-0001",
            },
            services: services => services.AddSingleton<IStorage>(sp => _storage = new OutageStorage(new MemoryStorage(sp.GetRequiredService<TimeProvider>()))));
        _client = new DirectLineHttp(_server.BaseAddress);
    }

    private OutageStorage Storage => _storage ?? _server.Services.GetRequiredService<IStorage>() as OutageStorage ?? throw new InvalidOperationException("The store was not replaced.");

    [Fact]
    public async Task A_polling_client_gets_the_overdose_steps()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        Storage.Down = new TaskCanceledException("the store client gave up");

        await _client.PostMessageAsync(conversationId, token, "my friend is not breathing");
        var texts = await _client.BotTextsAsync(conversationId, token);

        Assert.True(Storage.Refused > 0);
        Assert.Contains(texts, t => t.Contains("911", StringComparison.Ordinal) && t.Contains("naloxone", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_question_gets_the_short_notice_not_an_error()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        Storage.Down = new TaskCanceledException("the store client gave up");

        await _client.PostMessageAsync(conversationId, token, "where can i get naloxone");
        var texts = await _client.BotTextsAsync(conversationId, token);

        Assert.Contains(texts, t => t.Contains("can't answer right now", StringComparison.Ordinal) && t.Contains("911", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_emergency_text_gets_the_overdose_steps()
    {
        var phone = new TwilioPhone(_server.BaseAddress, SignedSmsServer.AuthToken, TwilioPhone.NewNumber()) { Timeout = TimeSpan.FromSeconds(15) };
        Assert.Equal(HttpStatusCode.OK, (await phone.SendAsync("hi")).Status);
        Storage.Down = new TaskCanceledException("the store client gave up");

        var reply = await phone.SendAsync("my friend is not breathing");

        Assert.True(Storage.Refused > 0);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Contains("Call 911", reply.Text, StringComparison.Ordinal);
        Assert.Contains("naloxone", reply.Text, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }
}
