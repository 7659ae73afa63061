using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Tests.Harness;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HarmReduction.Bot.Tests.Engine;

public sealed class ConversationStateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task State_is_loaded_before_the_bot_and_saved_after_it_across_turns()
    {
        var storage = new MemoryStorage(_time);
        var adapter = Counter(storage, TimeSpan.FromHours(1));

        await new TestFlow(adapter).Test("a", "turn 1").Test("b", "turn 2").Test("c", "turn 3").StartTestAsync();
    }

    [Fact]
    public async Task Conversations_do_not_share_state()
    {
        var storage = new MemoryStorage(_time);
        await new TestFlow(Counter(storage, TimeSpan.FromHours(1), "one")).Test("a", "turn 1").Test("b", "turn 2").StartTestAsync();
        await new TestFlow(Counter(storage, TimeSpan.FromHours(1), "two")).Test("a", "turn 1").StartTestAsync();
    }

    [Fact]
    public async Task State_expires_after_the_configured_ttl()
    {
        var storage = new MemoryStorage(_time);
        var adapter = Counter(storage, TimeSpan.FromMinutes(30));

        await new TestFlow(adapter)
            .Test("a", "turn 1")
            .Do(_ => { _time.Advance(TimeSpan.FromMinutes(29)); return Task.CompletedTask; })
            .Test("b", "turn 2")
            .Do(_ => { _time.Advance(TimeSpan.FromMinutes(31)); return Task.CompletedTask; })
            .Test("c", "turn 1")
            .StartTestAsync();
        Assert.Equal(1, storage.Count);
    }

    [Fact]
    public async Task A_turn_that_loses_the_etag_race_runs_again_on_fresh_state()
    {
        var storage = new MemoryStorage(_time);
        var state = new ConversationState(storage, Options.Create(new StateOptions { Ttl = TimeSpan.FromHours(1) }));
        var attempts = 0;
        var bot = new LambdaBot(async (turn, ct) =>
        {
            attempts++;
            turn.State.TurnCount++;
            if (attempts == 1)
            {
                // Another instance answers a message of the same conversation while this turn runs.
                var key = ConversationState.KeyFor(turn.Channel.ChannelId, turn.Activity.Conversation!.Id!);
                var other = await state.LoadAsync(key, ct);
                other.Data.TurnCount = 41;
                await state.SaveAsync(other, ct);
            }

            await turn.SendActivityAsync($"turn {turn.State.TurnCount}", ct);
        });
        var pipeline = new TurnPipeline(new MiddlewareSet().Use(new ConversationStateMiddleware(state)), bot, NullLogger<TurnPipeline>.Instance);

        await new TestFlow(new TestAdapter(pipeline, ChannelProfile.Sms())).Send("hi").AssertReply("turn 42").AssertNoReply().StartTestAsync();

        Assert.Equal(2, attempts);
    }

    private static TestAdapter Counter(IStorage storage, TimeSpan ttl, string? conversationId = null)
    {
        var state = new ConversationState(storage, Options.Create(new StateOptions { Ttl = ttl }));
        var bot = new LambdaBot((turn, ct) =>
        {
            turn.State.TurnCount++;
            return turn.SendActivityAsync($"turn {turn.State.TurnCount}", ct);
        });
        var pipeline = new TurnPipeline(new MiddlewareSet().Use(new ConversationStateMiddleware(state)), bot, NullLogger<TurnPipeline>.Instance);
        return new TestAdapter(pipeline, ChannelProfile.Sms(), conversationId);
    }
}
