using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Answering;

public sealed class ConversationFlowTests : IDisposable
{
    private readonly string _folder = FlowKnowledge.CreateFolder();
    private readonly TestBotHost _bot;

    public ConversationFlowTests()
    {
        // "naloxone" matches the home and school entries equally; with a tie margin the bot must ask which.
        _bot = new TestBotHost(new Dictionary<string, string?> { ["Answering:TieMargin"] = "0.05" }, _folder);
    }

    [Fact]
    public async Task An_ambiguous_question_asks_which_and_answers_the_pick_by_number()
    {
        await new TestFlow(_bot, ChannelProfile.Sms())
            .Send("naloxone")
            .AssertOutcome(TurnKind.Clarify)
            .AssertReply(reply =>
            {
                Assert.StartsWith("Did you mean:", reply.Text, StringComparison.Ordinal);
                Assert.Contains("1) Naloxone", reply.Text, StringComparison.Ordinal);
                Assert.Contains("2) Naloxone", reply.Text, StringComparison.Ordinal);
                Assert.Contains("3) None of these", reply.Text, StringComparison.Ordinal);
            })
            .Send("2")
            .AssertOutcome(TurnKind.Answer)
            .StartTestAsync();
    }

    [Fact]
    public async Task An_ambiguous_question_answers_the_pick_by_its_words_even_misspelled()
    {
        await new TestFlow(_bot, ChannelProfile.Sms())
            .Send("naloxone").AssertOutcome(TurnKind.Clarify)
            .Send("scool").AssertOutcome(TurnKind.Answer, "naloxone-school").AssertReplyContains("nurse")
            .StartTestAsync();
    }

    [Fact]
    public async Task Clarify_shows_buttons_on_the_web()
    {
        await new TestFlow(_bot, ChannelProfile.Web())
            .Send("naloxone")
            .AssertReply(reply =>
            {
                Assert.Equal("Did you mean:", reply.Text);
                var titles = reply.SuggestedActions!.Actions.Select(a => a.Title).ToList();
                Assert.Equal(["Naloxone at home", "Naloxone at school"], titles.Take(2).Order(StringComparer.Ordinal));
                Assert.Equal("None of these", titles[2]);
            })
            .Send("Naloxone at school").AssertOutcome(TurnKind.Answer, "naloxone-school")
            .StartTestAsync();
    }

    [Fact]
    public async Task None_of_these_falls_back_kindly_with_a_human_contact()
    {
        await new TestFlow(_bot, ChannelProfile.Sms())
            .Send("naloxone").AssertOutcome(TurnKind.Clarify)
            .Send("3").AssertOutcome(TurnKind.Fallback).AssertReplyContains("1-800-662-4357")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_new_question_during_clarify_is_answered_as_a_question()
    {
        await new TestFlow(_bot, ChannelProfile.Sms())
            .Send("naloxone").AssertOutcome(TurnKind.Clarify)
            .Send("should i rotate injection sites").AssertOutcome(TurnKind.Answer, "long-details")
            .StartTestAsync();
    }

    [Fact]
    public async Task An_emergency_during_clarify_wins_and_ends_the_question()
    {
        await new TestFlow(_bot, ChannelProfile.Sms())
            .Send("naloxone").AssertOutcome(TurnKind.Clarify)
            .Send("hes not breathing").AssertOutcome(TurnKind.Emergency).AssertReplyContains("911")
            .Send("2").AssertOutcome(TurnKind.Fallback)
            .StartTestAsync();
    }

    [Fact]
    public async Task A_numbered_follow_up_opens_that_topic()
    {
        await new TestFlow(_bot, ChannelProfile.Sms())
            .Send("where do i keep narcan in the house").AssertOutcome(TurnKind.Answer, "naloxone-home")
            .Send("1").AssertOutcome(TurnKind.Answer, "naloxone-school").AssertReplyContains("nurse")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_reply_over_the_sms_budget_is_paged_and_more_sends_the_rest()
    {
        var pages = new List<string>();
        await new TestFlow(_bot, ChannelProfile.Sms(maxSegments: 1))
            .Send("should i rotate injection sites").AssertOutcome(TurnKind.Answer, "long-details")
            .Send("more").AssertOutcome(TurnKind.Answer, "long-details")
            .AssertReply(r => { Assert.EndsWith("(Reply MORE for the rest)", r.Text, StringComparison.Ordinal); pages.Add(r.Text!); })
            .Send("MORE").AssertReply(r => pages.Add(r.Text!))
            .StartTestAsync();

        Assert.All(pages, p => Assert.True(HarmReduction.Bot.Channels.Sms.SmsEncoding.Measure(p).Segments == 1, p));
        Assert.True(pages.Count == 2, string.Join("\n---\n", pages));
        Assert.StartsWith("1. Start far from the hand", pages[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Start far from the hand", pages[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_with_nothing_left_says_so()
    {
        await new TestFlow(_bot, ChannelProfile.Sms())
            .Send("more").AssertOutcome(TurnKind.Meta).AssertReplyContains("That's all I have")
            .StartTestAsync();
    }

    [Fact]
    public async Task An_emergency_during_more_wins_and_drops_the_pending_pages()
    {
        await new TestFlow(_bot, ChannelProfile.Sms(maxSegments: 1))
            .Send("should i rotate injection sites")
            .Send("more").AssertReplyContains("(Reply MORE for the rest)")
            .Send("she wont wake up").AssertOutcome(TurnKind.Emergency)
            .Send("more").AssertOutcome(TurnKind.Meta).AssertReplyContains("That's all I have")
            .StartTestAsync();
    }

    [Fact]
    public async Task Start_over_clears_the_conversation()
    {
        await new TestFlow(_bot, ChannelProfile.Sms())
            .Send("naloxone").AssertOutcome(TurnKind.Clarify)
            .Send("start over").AssertOutcome(TurnKind.Meta).AssertReplyContains("starting fresh")
            .Send("1").AssertOutcome(TurnKind.Fallback)
            .StartTestAsync();
    }

    [Fact]
    public async Task Menu_lists_topics_and_a_greeting_welcomes()
    {
        await new TestFlow(_bot, ChannelProfile.Sms())
            .Send("hi").AssertOutcome(TurnKind.Meta).AssertReplyContains("anonymous").AssertReplyContains("Ask me anything")
            .Send("menu").AssertOutcome(TurnKind.Meta).AssertReplyContains("Reply with a number")
            .StartTestAsync();
    }

    public void Dispose()
    {
        _bot.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
