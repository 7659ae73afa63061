using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Answering;

/// <summary>Replies as the web shows them: tap-to-call numbers, emergencies marked so they stand out, photos answered in words.</summary>
public sealed class WebReplyTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private readonly TestBotHost _bot = fixture.Bot;

    [Theory]
    [InlineData("my friend is blue and not breathing", "emergency")]
    [InlineData("honestly i dont want to be alive anymore", "crisis")]
    public async Task Emergency_and_crisis_replies_are_marked_and_their_numbers_are_call_links_on_the_web(string message, string urgency)
    {
        var adapter = new TestAdapter(_bot.Pipeline, ChannelProfile.Web());

        await adapter.SendTextToBotAsync(message);

        var replies = adapter.ActiveQueue.ToList();
        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.Equal(urgency, r.ChannelData?.GetProperty("urgency").GetString()));
        Assert.Contains("[911](tel:911)", replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sms_emergency_reply_stays_plain_text()
    {
        var adapter = new TestAdapter(_bot.Pipeline, ChannelProfile.Sms());

        await adapter.SendTextToBotAsync("my friend is blue and not breathing");

        Assert.StartsWith("Call 911 now.", adapter.ActiveQueue.First().Text, StringComparison.Ordinal);
        Assert.DoesNotContain("tel:", string.Concat(adapter.ActiveQueue.Select(r => r.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ordinary_answers_are_not_marked_urgent_and_link_phone_numbers()
    {
        var adapter = new TestAdapter(_bot.Pipeline, ChannelProfile.Web());

        await adapter.SendTextToBotAsync("can i talk to a real person");

        var reply = adapter.ActiveQueue.First();
        Assert.Null(reply.ChannelData);
        Assert.Contains("](tel:", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_photo_without_words_is_answered_with_a_request_for_words()
    {
        var adapter = new TestAdapter(_bot.Pipeline, ChannelProfile.Web());
        var photo = new Activity { Type = ActivityTypes.Message, Locale = "es-US", Attachments = [new Attachment { ContentType = "image/jpeg" }] };

        await adapter.ProcessActivityAsync(photo);

        Assert.Equal(TurnKind.Meta, adapter.LastOutcome.Kind);
        Assert.Equal("Aquí no puedo ver fotos: descríbelo con palabras.", Assert.Single(adapter.ActiveQueue).Text);
    }

    [Theory]
    [InlineData("Call 911 now.", "Call [911](tel:911) now.")]
    [InlineData("Call or text 988 (24/7).", "Call or text [988](tel:988) (24/7).")]
    [InlineData("the SAMHSA National Helpline, 1-800-662-4357 (free)", "the SAMHSA National Helpline, [1-800-662-4357](tel:18006624357) (free)")]
    [InlineData("Poison Control: (800) 222-1222.", "Poison Control: [(800) 222-1222](tel:8002221222).")]
    [InlineData("chat at 988lifeline.org", "chat at 988lifeline.org")]
    [InlineData("see [the 911 page](https://example.org/911) and https://example.org/call-988", "see [the 911 page](https://example.org/911) and https://example.org/call-988")]
    [InlineData("wait 2-3 minutes; 30-90 minutes; 24/7; 2026-12-02; 911.5", "wait 2-3 minutes; 30-90 minutes; 24/7; 2026-12-02; 911.5")]
    public void Phone_numbers_become_tel_links_and_nothing_else_does(string markdown, string expected)
    {
        Assert.Equal(expected, TelLinks.Add(markdown, LocaleResources.Defaults));
    }
}
