using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Answering;

/// <summary>Questions about the service itself get truthful answers from the knowledge base (kind meta).</summary>
public sealed class ServiceQuestionsTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Theory]
    [InlineData("is this a real person", "automated")]
    [InlineData("who are you", "automated")]
    [InlineData("is this anonymous", "anonymous")]
    [InlineData("do you keep my number", "number")]
    [InlineData("do u keep my number", "No. Your number is replaced with a code")]
    [InlineData("can cops see these texts", "Not from us: we don't store your texts")]
    [InlineData("is this reported to my probation officer", "No. This service doesn't report to anyone")]
    [InlineData("delete my messages", "STOP")]
    [InlineData("what can you do", "naloxone")]
    public async Task A_question_about_the_service_is_answered_truthfully(string question, string mustMention)
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send(question)
            .AssertOutcome(TurnKind.Meta)
            .AssertReplyContains(mustMention)
            .StartTestAsync();
    }

    [Theory]
    [InlineData("junkies like me dont deserve narcan lol")]
    [InlineData("I'm just a worthless drug abuser")]
    public async Task A_person_who_calls_themselves_names_gets_no_labels_back(string message)
    {
        var flow = new TestFlow(engine.Bot, ChannelProfile.Sms());
        await flow.Send(message).StartTestAsync();

        var reply = string.Join("\n", flow.Adapter.ActiveQueue.Select(a => a.Text));
        Assert.DoesNotMatch(@"(?i)\b(junkie|junkies|abuser|addicts?)\b", reply);
        Assert.Contains("you", reply, StringComparison.OrdinalIgnoreCase);
    }
}
