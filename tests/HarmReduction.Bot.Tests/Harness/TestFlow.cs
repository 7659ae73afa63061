using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation;

namespace HarmReduction.Bot.Tests.Harness;

/// <summary>
/// Scripted conversations in Bot Framework's TestFlow idiom: each call returns a new flow with one more step, and
/// nothing runs until <see cref="StartTestAsync"/>. Replies are checked in order; unchecked replies of a turn are
/// discarded when the next message is sent, unless <see cref="AssertNoReply"/> says there must be none.
/// </summary>
public sealed class TestFlow
{
    private readonly TestAdapter _adapter;
    private readonly IReadOnlyList<Func<TestAdapter, Task>> _steps;

    public TestFlow(TestAdapter adapter)
        : this(adapter, [])
    {
    }

    /// <summary>A flow over the real engine with the given channel (SMS by default).</summary>
    public TestFlow(TestBotHost bot, ChannelProfile? channel = null)
        : this(new TestAdapter(bot.Pipeline, channel ?? ChannelProfile.Sms()), [])
    {
    }

    private TestFlow(TestAdapter adapter, IReadOnlyList<Func<TestAdapter, Task>> steps)
    {
        _adapter = adapter;
        _steps = steps;
    }

    public TestAdapter Adapter => _adapter;

    public TestFlow Send(string text) => Then(async a =>
    {
        a.ActiveQueue.Clear();
        await a.SendTextToBotAsync(text);
    });

    public TestFlow Send(Activity activity) => Then(async a =>
    {
        a.ActiveQueue.Clear();
        await a.ProcessActivityAsync(activity);
    });

    public TestFlow AssertReply(string expected, string? description = null) => AssertReply(
        reply => Assert.True(string.Equals(expected.Trim(), reply.Text?.Trim(), StringComparison.Ordinal), $"{description ?? "reply"}: expected \"{expected}\" but got \"{reply.Text}\""));

    public TestFlow AssertReply(Action<Activity> validate, string? description = null) => Then(a =>
    {
        var reply = a.GetNextReply();
        Assert.True(reply is not null, $"{description ?? "AssertReply"}: the bot sent no (more) replies");
        validate(reply!);
        return Task.CompletedTask;
    });

    public TestFlow AssertReplyContains(string expected, string? description = null) => AssertReply(
        reply => Assert.True(reply.Text?.Contains(expected, StringComparison.OrdinalIgnoreCase) == true, $"{description ?? "reply"}: expected it to contain \"{expected}\" but got \"{reply.Text}\""));

    public TestFlow AssertReplyOneOf(IReadOnlyList<string> candidates, string? description = null) => AssertReply(
        reply => Assert.True(candidates.Any(c => string.Equals(c.Trim(), reply.Text?.Trim(), StringComparison.Ordinal)), $"{description ?? "reply"}: \"{reply.Text}\" is none of the expected replies"));

    public TestFlow AssertNoReply(string? description = null) => Then(a =>
    {
        var reply = a.GetNextReply();
        Assert.True(reply is null, $"{description ?? "AssertNoReply"}: the bot sent \"{reply?.Text}\"");
        return Task.CompletedTask;
    });

    /// <summary>Checks how the last turn was answered (kind and, optionally, which entry).</summary>
    public TestFlow AssertOutcome(TurnKind kind, string? entryId = null) => Then(a =>
    {
        Assert.Equal(kind, a.LastOutcome.Kind);
        if (entryId is not null)
        {
            Assert.Equal(entryId, a.LastOutcome.EntryId);
        }

        return Task.CompletedTask;
    });

    public TestFlow Test(string userSays, string expected) => Send(userSays).AssertReply(expected);

    public TestFlow Test(string userSays, Action<Activity> validate) => Send(userSays).AssertReply(validate);

    public TestFlow Do(Func<TestAdapter, Task> step) => Then(step);

    public async Task StartTestAsync()
    {
        foreach (var step in _steps)
        {
            await step(_adapter);
        }
    }

    private TestFlow Then(Func<TestAdapter, Task> step) => new(_adapter, [.. _steps, step]);
}
