using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.Dialogs;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Tests.Harness;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HarmReduction.Bot.Tests.Engine;

public sealed class DialogTests
{
    private static readonly string[] Colors = ["Red", "Green", "Blue"];

    [Fact]
    public async Task Waterfall_runs_its_steps_across_turns_and_hands_each_answer_to_the_next()
    {
        var dialogs = new DialogSet()
            .Add(new ChoicePrompt("choice"))
            .Add(new WaterfallDialog("order", [
                async (step, ct) => await step.PromptAsync("choice", new PromptOptions { Prompt = "Pick a color", Choices = Colors.Select(c => new Choice(c)).ToList() }, ct),
                async (step, ct) =>
                {
                    step.SetValue("color", ((FoundChoice)step.Result!).Value);
                    await step.Context.SendActivityAsync("Size?", ct);
                    return Dialog.EndOfTurn;
                },
                async (step, ct) =>
                {
                    await step.Context.SendActivityAsync($"{step.Result} {step.GetValue<string>("color")}", ct);
                    return await step.EndDialogAsync("done", ct);
                },
            ]));

        await new TestFlow(Adapter(dialogs, "order", ChannelProfile.Sms()))
            .Send("start").AssertReply("Pick a color\n1) Red\n2) Green\n3) Blue")
            .Send("2").AssertReply("Size?")
            .Send("large").AssertReply("large Green").AssertReply("result: done")
            .Send("again").AssertReplyContains("Pick a color")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("3", "Blue")]
    [InlineData("#3", "Blue")]
    [InlineData("3)", "Blue")]
    [InlineData("three", "Blue")]
    [InlineData("blue", "Blue")]
    [InlineData("BLUE!", "Blue")]
    [InlineData("blu", "Blue")]
    [InlineData("greeen", "Green")]
    [InlineData("number 1", "Red")]
    public async Task Choice_prompt_accepts_a_number_the_option_text_or_a_close_misspelling(string answer, string expected)
    {
        await new TestFlow(Adapter(PickDialogs(), "pick", ChannelProfile.Sms()))
            .Send("start").AssertReplyContains("Pick a color")
            .Send(answer).AssertReply($"picked {expected}")
            .StartTestAsync();
    }

    [Fact]
    public async Task Choice_prompt_asks_again_then_gives_up_with_no_match()
    {
        await new TestFlow(Adapter(PickDialogs(maxRetries: 1), "pick", ChannelProfile.Sms()))
            .Send("start").AssertReplyContains("Pick a color")
            .Send("purple").AssertReplyContains("Please pick one")
            .Send("7").AssertReply("no match: 7")
            .StartTestAsync();
    }

    [Fact]
    public async Task Choice_prompt_shows_buttons_on_the_web()
    {
        await new TestFlow(Adapter(PickDialogs(), "pick", ChannelProfile.Web()))
            .Send("start")
            .AssertReply(reply =>
            {
                Assert.Equal("Pick a color", reply.Text);
                Assert.Equal(Colors, reply.SuggestedActions!.Actions.Select(a => a.Title));
                Assert.All(reply.SuggestedActions.Actions, a => Assert.Equal("imBack", a.Type));
            })
            .StartTestAsync();
    }

    [Fact]
    public async Task Replace_swaps_the_active_dialog_without_resuming_the_parent()
    {
        var dialogs = new DialogSet()
            .Add(new WaterfallDialog("first", [
                async (step, ct) => { await step.Context.SendActivityAsync("in first", ct); return Dialog.EndOfTurn; },
                async (step, ct) => await step.DialogContext.ReplaceDialogAsync("second", null, ct),
            ]))
            .Add(new WaterfallDialog("second", [
                async (step, ct) => { await step.Context.SendActivityAsync("in second", ct); return Dialog.EndOfTurn; },
                async (step, ct) => await step.EndDialogAsync("from second", ct),
            ]));

        await new TestFlow(Adapter(dialogs, "first", ChannelProfile.Sms()))
            .Send("go").AssertReply("in first")
            .Send("next").AssertReply("in second").AssertNoReply()
            .Send("next").AssertReply("result: from second")
            .StartTestAsync();
    }

    [Fact]
    public async Task Begin_pushes_a_child_whose_result_resumes_the_parent()
    {
        var dialogs = new DialogSet()
            .Add(new WaterfallDialog("parent", [
                async (step, ct) => await step.BeginDialogAsync("child", null, ct),
                async (step, ct) => await step.EndDialogAsync($"parent got {step.Result}", ct),
            ]))
            .Add(new WaterfallDialog("child", [
                async (step, ct) => { await step.Context.SendActivityAsync("child asks", ct); return Dialog.EndOfTurn; },
                async (step, ct) => await step.EndDialogAsync($"'{step.Result}'", ct),
            ]));

        await new TestFlow(Adapter(dialogs, "parent", ChannelProfile.Sms()))
            .Send("go").AssertReply("child asks")
            .Send("yes").AssertReply("result: parent got 'yes'")
            .StartTestAsync();
    }

    [Fact]
    public async Task Cancel_all_empties_the_stack()
    {
        var dialogs = PickDialogs();
        await new TestFlow(Adapter(dialogs, "pick", ChannelProfile.Sms()))
            .Send("start").AssertReplyContains("Pick a color")
            .Send("cancel").AssertReply("cancelled")
            .Send("start").AssertReplyContains("Pick a color")
            .StartTestAsync();
    }

    private static DialogSet PickDialogs(int maxRetries = 1) => new DialogSet()
        .Add(new ChoicePrompt("choice"))
        .Add(new WaterfallDialog("pick", [
            async (step, ct) => await step.PromptAsync("choice", new PromptOptions
            {
                Prompt = "Pick a color",
                RetryPrompt = "Please pick one of these",
                Choices = Colors.Select(c => new Choice(c)).ToList(),
                MaxRetries = maxRetries,
            }, ct),
            async (step, ct) =>
            {
                var text = step.Result switch
                {
                    FoundChoice found => $"picked {found.Value}",
                    PromptNoMatch none => $"no match: {none.Text}",
                    _ => "?",
                };
                await step.Context.SendActivityAsync(text, ct);
                return await step.EndDialogAsync(null, ct);
            },
        ]));

    /// <summary>A bot that continues the stack, begins <paramref name="rootId"/> when it is empty, and says "cancel" cancels all.</summary>
    private static TestAdapter Adapter(DialogSet dialogs, string rootId, ChannelProfile channel)
    {
        var storage = new MemoryStorage(new FakeTimeProvider());
        var state = new ConversationState(storage, Options.Create(new StateOptions()));
        var bot = new LambdaBot(async (turn, ct) =>
        {
            var dc = dialogs.CreateContext(turn);
            if (turn.Activity.Text == "cancel")
            {
                var cancelled = await dc.CancelAllDialogsAsync(ct);
                await turn.SendActivityAsync(cancelled.Status == DialogTurnStatus.Cancelled ? "cancelled" : "nothing to cancel", ct);
                return;
            }

            var result = await dc.ContinueDialogAsync(ct);
            if (result.Status == DialogTurnStatus.Empty)
            {
                result = await dc.BeginDialogAsync(rootId, null, ct);
            }

            if (result.Status == DialogTurnStatus.Complete && result.Result is not null)
            {
                await turn.SendActivityAsync($"result: {result.Result}", ct);
            }
        });
        var pipeline = new TurnPipeline(new MiddlewareSet().Use(new ConversationStateMiddleware(state)), bot, NullLogger<TurnPipeline>.Instance);
        return new TestAdapter(pipeline, channel);
    }
}
