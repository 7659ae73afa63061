using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Answering;

public sealed class BadInputTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    public static TheoryData<string> Messages() =>
    [
        string.Empty,
        "   \t  \n ",
        new string('a', 10_240),
        string.Join(" ", Enumerable.Repeat("how do i use narcan", 600)),
        "narcan\u0000\u0007\u001b[31m where\u0008",
        "\U0001F480\U0001F480\U0001F480",
        "narcan \U0001F64F\U0001F3FD??",
        "наркан где взять 在哪里 naloxone",
        "\u202Eenoxolan\u200B\u200D",
        "\uD800 lone surrogate",
        "?!?!?!",
        "1234567890",
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task Any_message_gets_a_calm_reply_never_an_error(string message)
    {
        foreach (var channel in new[] { ChannelProfile.Sms(), ChannelProfile.Web() })
        {
            var flow = new TestFlow(engine.Bot, channel);
            await flow.Send(message)
                .AssertReply(reply =>
                {
                    Assert.False(string.IsNullOrWhiteSpace(reply.Text));
                    Assert.DoesNotContain("Exception", reply.Text, StringComparison.Ordinal);
                })
                .StartTestAsync();
            Assert.NotEqual(TurnKind.None, flow.Adapter.LastOutcome.Kind);
        }
    }

    [Fact]
    public async Task A_message_with_only_whitespace_invites_a_question()
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send("  ").AssertOutcome(TurnKind.Meta).AssertReplyContains("didn't get any words")
            .StartTestAsync();
    }

    [Fact]
    public async Task An_emergency_buried_in_a_very_long_message_is_still_found()
    {
        var message = "sorry for the long text " + new string('x', 30) + " my friend is not breathing " + string.Join(" ", Enumerable.Repeat("please", 500));

        await new TestFlow(engine.Bot, ChannelProfile.Sms()).Send(message).AssertOutcome(TurnKind.Emergency).StartTestAsync();
    }
}
