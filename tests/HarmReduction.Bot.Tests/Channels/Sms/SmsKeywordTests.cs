using System.Text.Json;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Channels.Sms;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Channels.Sms;

/// <summary>STOP, START and HELP through the real engine on an SMS channel; one engine for the class, a conversation per test.</summary>
public sealed class SmsKeywordTests(SmsKeywordTests.Engine engine) : IClassFixture<SmsKeywordTests.Engine>
{
    private const string Question = "where can i get naloxone";

    private readonly TestBotHost _bot = engine.Bot;

    [Fact]
    public async Task After_stop_nothing_but_help_is_answered_until_start()
    {
        await new TestFlow(_bot)
            .Send("STOP").AssertReplyContains("opted out").AssertNoReply().AssertOutcome(TurnKind.OptOut)
            .Send(Question).AssertNoReply("a question after STOP").AssertOutcome(TurnKind.OptOut)
            .Send("my friend is not breathing").AssertNoReply("even an emergency: the carrier blocks replies after STOP")
            .Send("HELP").AssertReplyContains("Reply STOP").AssertNoReply()
            .Send("stop").AssertNoReply("a second STOP gets no second confirmation")
            .Send("START").AssertReplyContains("opted in").AssertNoReply()
            .Send(Question).AssertReplyContains("naloxone").AssertOutcome(TurnKind.Answer)
            .StartTestAsync();
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("UNSTOP")]
    public async Task Yes_and_unstop_opt_back_in_too(string optIn)
    {
        await new TestFlow(_bot)
            .Send("quit").AssertReplyContains("opted out")
            .Send(Question).AssertNoReply()
            .Send(optIn).AssertReplyContains("opted in")
            .Send(Question).AssertReplyContains("naloxone")
            .StartTestAsync();
    }

    [Fact]
    public async Task Help_names_the_service_how_to_stop_and_where_to_get_urgent_help()
    {
        string? help = null;
        await new TestFlow(_bot)
            .Send("HELP").AssertReply(reply => help = reply.Text).AssertNoReply().AssertOutcome(TurnKind.Meta)
            .StartTestAsync();

        Assert.Contains("HarmReduction.Bot", help);
        Assert.Contains("Reply STOP", help);
        Assert.Contains("911", help);
        Assert.Contains("988", help);
        Assert.Equal(new SmsLength(SmsCharset.Gsm7, help!.Length, 1), SmsEncoding.Measure(help));
    }

    [Fact]
    public async Task Keyword_texts_come_from_configuration()
    {
        using var bot = new TestBotHost(new Dictionary<string, string?>
        {
            ["Sms:Keywords:HelpText"] = "{program_name} help. Urgent: {emergency_number}. Reply STOP to stop.",
            ["Resources:en:ProgramName"] = "Street Outreach Line",
            ["Resources:en:EmergencyNumber"] = "112",
        });

        await new TestFlow(bot)
            .Send("info").AssertReply("Street Outreach Line help. Urgent: 112. Reply STOP to stop.")
            .Send("STOP").AssertReplyContains("Street Outreach Line")
            .StartTestAsync();
    }

    [Fact]
    public async Task Stop_forgets_the_conversation()
    {
        var flow = new TestFlow(_bot);
        var key = ConversationState.KeyFor(flow.Adapter.Channel.ChannelId, flow.Adapter.ConversationId);
        await flow.Send(Question).AssertReplyContains("naloxone").StartTestAsync();
        Assert.NotNull(await _bot.Storage.ReadAsync(key, CancellationToken.None));

        await flow.Send("STOP").StartTestAsync();

        Assert.Null(await _bot.Storage.ReadAsync(key, CancellationToken.None));
        Assert.NotNull(await _bot.Storage.ReadAsync(OptOutStore.KeyFor(flow.Adapter.Channel.ChannelId, flow.Adapter.ConversationId), CancellationToken.None));
    }

    [Fact]
    public async Task Opt_out_outlasts_a_year_of_silence_and_every_message_renews_it()
    {
        await new TestFlow(_bot)
            .Send("STOP").AssertReplyContains("opted out")
            .Do(_ => { _bot.Time.Advance(TimeSpan.FromDays(399)); return Task.CompletedTask; })
            .Send(Question).AssertNoReply("399 days later")
            .Do(_ => { _bot.Time.Advance(TimeSpan.FromDays(399)); return Task.CompletedTask; })
            .Send(Question).AssertNoReply("399 days after the last message")
            .Send("START").AssertReplyContains("opted in")
            .StartTestAsync();
    }

    [Fact]
    public async Task With_replies_switched_off_keywords_are_silent_but_opt_out_still_holds()
    {
        using var bot = new TestBotHost(new Dictionary<string, string?> { ["Sms:Keywords:Reply"] = "false" });

        await new TestFlow(bot)
            .Send("HELP").AssertNoReply("Twilio answers HELP").AssertOutcome(TurnKind.Meta)
            .Send("START").AssertNoReply("Twilio answers START").AssertOutcome(TurnKind.Meta)
            .Send("STOP").AssertNoReply("Twilio answers STOP").AssertOutcome(TurnKind.OptOut)
            .Send(Question).AssertNoReply("opted out")
            .Send("START").AssertNoReply("Twilio answers START")
            .Send(Question).AssertReplyContains("naloxone")
            .StartTestAsync();
    }

    [Fact]
    public async Task Twilio_advanced_opt_out_classification_counts_as_the_keyword()
    {
        var parar = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "PARAR",
            ChannelData = JsonSerializer.SerializeToElement(new Dictionary<string, string> { [SmsKeywordMiddleware.OptOutTypeField] = "STOP" }),
        };

        await new TestFlow(_bot)
            .Send(parar).AssertReplyContains("opted out").AssertOutcome(TurnKind.OptOut)
            .Send(Question).AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task Keywords_are_only_keywords_on_sms()
    {
        await new TestFlow(_bot, ChannelProfile.Web())
            .Send("stop").AssertReply(reply => Assert.DoesNotContain("opted out", reply.Text, StringComparison.OrdinalIgnoreCase))
            .Send(Question).AssertReplyContains("naloxone")
            .StartTestAsync();
    }

    [Fact]
    public async Task Cli_ask_stop_on_sms_reports_an_opt_out()
    {
        var result = await BotProcess.RunAsync(["ask", "--jsonl", "--channel", "sms"], stdin: "{\"id\":1,\"text\":\"STOP\"}\n{\"id\":2,\"text\":\"Help\"}\n");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("optout", lines[0].GetProperty("kind").GetString());
        Assert.Contains("START", lines[0].GetProperty("reply").GetString());
        Assert.Equal("meta", lines[1].GetProperty("kind").GetString());
        Assert.Contains("Reply STOP", lines[1].GetProperty("reply").GetString());
    }

    public sealed class Engine : IDisposable
    {
        public TestBotHost Bot { get; } = new();

        public void Dispose() => Bot.Dispose();
    }
}
