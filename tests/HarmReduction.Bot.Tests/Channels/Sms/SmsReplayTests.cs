using HarmReduction.Bot.Channels.Sms;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace HarmReduction.Bot.Tests.Channels.Sms;

/// <summary>Twilio signatures carry no time (review L1): a captured START replayed later must not undo a newer STOP.</summary>
public sealed class SmsReplayTests(SignedSmsServer fixture) : IClassFixture<SignedSmsServer>
{
    [Fact]
    public async Task A_start_replayed_after_its_reply_was_forgotten_does_not_undo_a_later_stop()
    {
        var phone = fixture.NewPhone();
        var startSid = TwilioPhone.NewMessageSid();
        await phone.SendAsync("STOP");
        Assert.Contains("opted in", (await phone.SendAsync("START", startSid)).Text, StringComparison.Ordinal);
        Assert.Contains("opted out", (await phone.SendAsync("STOP")).Text, StringComparison.Ordinal);

        // The reply cache keeps a reply for an hour; the replay comes after it has forgotten this one.
        var messageKey = fixture.Server.Services.GetRequiredService<Pseudonymizer>().Pseudonymize("twilio-message", startSid);
        await fixture.Server.Services.GetRequiredService<IStorage>().DeleteAsync(ReplyCache.KeyFor(messageKey), default);
        var replayed = await phone.SendAsync("START", startSid);
        var question = await phone.SendAsync("where can i get naloxone");

        Assert.Empty(replayed.Messages);
        Assert.Empty(question.Messages);
    }

    [Fact]
    public async Task Help_after_stop_is_answered_and_does_not_opt_back_in()
    {
        var phone = fixture.NewPhone();
        await phone.SendAsync("STOP");

        var help = await phone.SendAsync("HELP");
        var question = await phone.SendAsync("where can i get naloxone");

        Assert.Contains("Reply STOP", help.Text, StringComparison.Ordinal);
        Assert.Empty(question.Messages);
    }
}
