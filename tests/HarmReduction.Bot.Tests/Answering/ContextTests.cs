using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Answering;

/// <summary>A short message is read in the light of what was just said: the emergency, the last answer, a where-question.</summary>
public sealed class ContextTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task After_the_overdose_steps_no_narcan_gets_what_to_do_without_it()
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send("my friend is not breathing").AssertOutcome(TurnKind.Emergency, "opioid-overdose")
            .Do(a => { a.ActiveQueue.Clear(); return Task.CompletedTask; })
            .Send("i dont have narcan").AssertOutcome(TurnKind.Emergency, "opioid-overdose/no-naloxone")
            .AssertReply(reply =>
            {
                Assert.Contains("breath every 5 seconds", reply.Text, StringComparison.Ordinal);
                Assert.Contains("chest", reply.Text, StringComparison.Ordinal);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task After_the_overdose_steps_breathing_now_gets_the_recovery_position_and_stay()
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send("she od'd and wont wake up help").AssertOutcome(TurnKind.Emergency)
            .Do(a => { a.ActiveQueue.Clear(); return Task.CompletedTask; })
            .Send("ok shes breathing now").AssertOutcome(TurnKind.Emergency, "opioid-overdose/breathing-now")
            .AssertReply(reply =>
            {
                Assert.Contains("side", reply.Text, StringComparison.Ordinal);
                Assert.Contains("Stay", reply.Text, StringComparison.Ordinal);
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task Spanish_follow_up_of_an_emergency_is_answered_in_spanish()
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send("mi amigo no respira").AssertOutcome(TurnKind.Emergency)
            .Do(a => { a.ActiveQueue.Clear(); return Task.CompletedTask; })
            .Send("no tengo narcan").AssertOutcome(TurnKind.Emergency, "opioid-overdose/no-naloxone")
            .AssertReplyContains("Sigue sin ella")
            .StartTestAsync();
    }

    [Fact]
    public async Task Without_an_emergency_just_before_no_narcan_is_an_ordinary_question()
    {
        Assert.NotEqual(TurnKind.Emergency, (await Outcome("i dont have narcan")).Kind);
    }

    [Fact]
    public async Task How_do_i_test_them_after_the_fake_pills_answer_means_test_strips()
    {
        var flow = new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send("are blues real oxy").AssertOutcome(TurnKind.Answer, "counterfeit-pills")
            .Do(a => { a.ActiveQueue.Clear(); return Task.CompletedTask; })
            .Send("how do i test them");
        await flow.StartTestAsync();

        Assert.Equal(TurnKind.Answer, flow.Adapter.LastOutcome.Kind);
        Assert.StartsWith("fentanyl-test-strip", flow.Adapter.LastOutcome.EntryId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_place_after_a_where_question_is_a_location_not_a_new_question()
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send("where can i get narcan").AssertOutcome(TurnKind.Answer, "naloxone-where-to-get")
            .Do(a => { a.ActiveQueue.Clear(); return Task.CompletedTask; })
            .Send("im in ohio").AssertOutcome(TurnKind.Meta, "naloxone-where-to-get")
            .AssertReply(reply => Assert.Contains("I don't keep where you are", reply.Text, StringComparison.Ordinal))
            .StartTestAsync();
    }

    [Theory]
    [InlineData("i want to stop using")]
    [InlineData("i want to stop using dope")]
    [InlineData("how do i stop using meth")]
    [InlineData("quiero dejar de usar")]
    public async Task Wanting_to_stop_using_drugs_is_never_the_stop_texting_answer(string message)
    {
        var outcome = await Outcome(message);

        Assert.Equal(TurnKind.Answer, outcome.Kind);
        Assert.Equal("treatment", engine.Bot.Knowledge.ById[outcome.EntryId!].Topic);
    }

    private async Task<TurnOutcome> Outcome(string message)
    {
        var flow = new TestFlow(engine.Bot, ChannelProfile.Sms()).Send(message);
        await flow.StartTestAsync();
        return flow.Adapter.LastOutcome;
    }
}
