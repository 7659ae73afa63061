using HarmReduction.Bot.Channels.Sms;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Privacy;
using HarmReduction.Bot.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace HarmReduction.Bot.Tests.Channels.Sms;

/// <summary>One real server for a test class, in Production, with a Twilio auth token and a pseudonym key set.</summary>
public sealed class SignedSmsServer : IDisposable
{
    public const string AuthToken = "0123456789abcdef0123456789abcdef";

    public BotServer Server { get; } = new(new Dictionary<string, string?>
    {
        ["Sms:Twilio:AuthToken"] = AuthToken,
        ["Privacy:HashKey"] = "test-hash-key-that-is-long-enough-0001",
    });

    internal TwilioPhone NewPhone() => new(Server.BaseAddress, AuthToken, TwilioPhone.NewNumber());

    /// <summary>The conversation state stored for a number, found the only way anyone can: through the keyed pseudonym.</summary>
    public async Task<ConversationData?> StateOfAsync(string number)
    {
        var pseudonym = Server.Services.GetRequiredService<Pseudonymizer>().Pseudonymize("phone", number);
        var key = ConversationState.KeyFor(SmsWebhook.ChannelId, pseudonym);
        var item = await Server.Services.GetRequiredService<IStorage>().ReadAsync(key, CancellationToken.None);
        return item is null ? null : (await Server.Services.GetRequiredService<ConversationState>().LoadAsync(key, CancellationToken.None)).Data;
    }

    public void Dispose() => Server.Dispose();
}
