using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Tests.Harness;
using Microsoft.Extensions.Logging.Abstractions;

namespace HarmReduction.Bot.Tests.Engine;

public sealed class MiddlewareTests
{
    [Fact]
    public async Task Middleware_runs_in_the_order_added_and_unwinds_in_reverse()
    {
        var log = new List<string>();
        var set = new MiddlewareSet().Use(new Recording("a", log)).Use(new Recording("b", log)).Use(new Recording("c", log));
        var pipeline = new TurnPipeline(set, new LambdaBot((_, _) => { log.Add("bot"); return Task.CompletedTask; }), NullLogger<TurnPipeline>.Instance);

        await new TestAdapter(pipeline, ChannelProfile.Web()).SendTextToBotAsync("hi");

        Assert.Equal(["a>", "b>", "c>", "bot", "<c", "<b", "<a"], log);
    }

    [Fact]
    public async Task Middleware_that_does_not_call_next_ends_the_turn_before_the_bot()
    {
        var botRan = false;
        var set = new MiddlewareSet().Use(new ShortCircuit());
        var pipeline = new TurnPipeline(set, new LambdaBot((_, _) => { botRan = true; return Task.CompletedTask; }), NullLogger<TurnPipeline>.Instance);
        var adapter = new TestAdapter(pipeline, ChannelProfile.Web());

        await new TestFlow(adapter).Send("anything").AssertReply("stopped here").AssertNoReply().StartTestAsync();

        Assert.False(botRan);
    }

    [Fact]
    public async Task Replies_are_addressed_back_to_the_sender_in_the_same_conversation()
    {
        var pipeline = new TurnPipeline(new MiddlewareSet(), new LambdaBot((t, ct) => t.SendActivityAsync("pong", ct)), NullLogger<TurnPipeline>.Instance);
        var adapter = new TestAdapter(pipeline, ChannelProfile.Web("webchat"), "conv-1");

        await new TestFlow(adapter)
            .Send("ping")
            .AssertReply(reply =>
            {
                Assert.Equal("pong", reply.Text);
                Assert.Equal("conv-1", reply.Conversation?.Id);
                Assert.Equal("user1", reply.Recipient?.Id);
                Assert.Equal("bot", reply.From?.Id);
                Assert.Equal("1", reply.ReplyToId);
                Assert.Equal(TextFormats.Markdown, reply.TextFormat);
            })
            .StartTestAsync();
    }

    private sealed class Recording(string name, List<string> log) : IMiddleware
    {
        public async Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            log.Add(name + ">");
            await next(cancellationToken);
            log.Add("<" + name);
        }
    }

    private sealed class ShortCircuit : IMiddleware
    {
        public Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync("stopped here", cancellationToken);
    }
}

internal sealed class LambdaBot(Func<TurnContext, CancellationToken, Task> handler) : IBot
{
    public Task OnTurnAsync(TurnContext turnContext, CancellationToken cancellationToken) => handler(turnContext, cancellationToken);
}
