using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Channels.Sms;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.Dialogs;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Hosting;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using YamlDotNet.RepresentationModel;

namespace HarmReduction.Bot.Tests.Answering;

/// <summary>
/// No SMS reply of any kind goes over <c>Sms:MaxSegments</c>, in English or Spanish: every message in messages.yaml as
/// the SMS channel sends it, every answer and its MORE pages, and every question of the evaluation sets.
/// </summary>
public sealed class SmsBudgetTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private static readonly string[] Languages = ["en", "es"];

    /// <summary>Messages sent with the topic menu under them (as numbered options on SMS).</summary>
    private static readonly HashSet<string> WithMenu = new(StringComparer.Ordinal) { "welcome", "menu", "fallback", "empty-message" };

    private readonly TestBotHost _bot = fixture.Bot;

    private int MaxSegments => _bot.Services.GetRequiredService<IOptions<ChannelOptions>>().Value.MaxSegments;

    [Fact]
    public void Every_message_in_both_languages_fits_the_segment_limit_with_its_menu()
    {
        var knowledge = _bot.Knowledge;
        var composer = _bot.Services.GetRequiredService<AnswerComposer>();
        var sms = ChannelProfile.Sms(maxSegments: MaxSegments);
        var over = new List<string>();
        var checkedCount = 0;
        foreach (var key in knowledge.Messages.All.Keys.Where(k => !BotMessages.PageKeys.Contains(k) && k != "menu-options"))
        {
            foreach (var language in Languages)
            {
                var parts = knowledge.Messages.Get(key, language).Select(p => composer.Fill(p, language)).ToList();
                var menu = MenuLabels(knowledge, language);
                for (var i = 0; i < parts.Count; i++)
                {
                    var text = WithMenu.Contains(key) && i == parts.Count - 1 ? ChoiceFormatter.Format(parts[i], menu, sms).Text! : parts[i];
                    text = text.Replace("{choices}", $"1, 2, 3, 4, 5, 6 {knowledge.Messages.GetText("or", language)} 7", StringComparison.Ordinal);
                    checkedCount++;
                    var length = SmsEncoding.Measure(SmsEncoding.ToGsmWherePossible(text));
                    if (length.Segments > MaxSegments)
                    {
                        over.Add($"{key} ({language}, part {i + 1}): {length.Segments} segments\n{text}");
                    }
                }
            }
        }

        Assert.True(checkedCount > 50, $"only {checkedCount} messages checked");
        Assert.True(over.Count == 0, string.Join("\n\n", over));
    }

    [Fact]
    public async Task Every_answer_and_each_of_its_more_pages_fits_and_more_ends_without_web_addresses()
    {
        var knowledge = _bot.Knowledge;
        var composer = _bot.Services.GetRequiredService<AnswerComposer>();
        var problems = new List<string>();
        foreach (var entry in knowledge.Entries)
        {
            var turn = new TurnContext(Activity.CreateMessage("more"), ChannelProfile.Sms(maxSegments: MaxSegments)) { State = new ConversationData(), Language = entry.Lang };
            await composer.SendEntryAsync(turn, knowledge, entry, CancellationToken.None);
            for (var more = 0; more < 12 && await composer.SendMoreAsync(turn, knowledge, CancellationToken.None); more++)
            {
            }

            var replies = turn.Replies.Select(r => r.Text!).ToList();
            Assert.Contains(knowledge.Messages.GetText("no-more", entry.Lang), replies[^1], StringComparison.Ordinal);
            foreach (var reply in replies)
            {
                var segments = SmsEncoding.Measure(SmsEncoding.ToGsmWherePossible(reply)).Segments;
                if (segments > MaxSegments || reply.Contains("http", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{entry.Id}: {segments} segments\n{reply}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    [Fact]
    public async Task Every_evaluation_question_gets_sms_replies_within_the_segment_limit()
    {
        var questions = Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "eval"), "*.yaml").SelectMany(Questions).Distinct().ToList();
        var over = new List<string>();
        foreach (var question in questions)
        {
            var adapter = new TestAdapter(_bot.Pipeline, ChannelProfile.Sms(maxSegments: MaxSegments));
            await adapter.SendTextToBotAsync(question);
            while (adapter.GetNextReply() is { } reply)
            {
                var segments = SmsEncoding.Measure(SmsEncoding.ToGsmWherePossible(reply.Text ?? string.Empty)).Segments;
                if (segments > MaxSegments)
                {
                    over.Add($"\"{question}\" ({adapter.LastOutcome.KindName} {adapter.LastOutcome.EntryId}): {segments} segments\n{reply.Text}");
                }
            }
        }

        Assert.True(questions.Count > 500, $"only {questions.Count} questions");
        Assert.True(over.Count == 0, string.Join("\n\n", over));
    }

    [Theory]
    [InlineData("thanks", "You're welcome")]
    [InlineData("Thank you!", "You're welcome")]
    [InlineData("ok", "Okay")]
    [InlineData("gracias", "De nada")]
    [InlineData("muchas gracias", "De nada")]
    [InlineData("thank u that helped alot", "You're welcome")]
    [InlineData("ok thank you so much, god bless", "You're welcome")]
    [InlineData("gracias me sirvio mucho bendiciones", "De nada")]
    public async Task Courtesy_gets_a_one_segment_reply(string message, string expected)
    {
        await new TestFlow(_bot, ChannelProfile.Sms(maxSegments: MaxSegments))
            .Send(message).AssertOutcome(TurnKind.Meta)
            .AssertReply(r =>
            {
                Assert.StartsWith(expected, r.Text, StringComparison.Ordinal);
                Assert.Equal(1, SmsEncoding.Measure(SmsEncoding.ToGsmWherePossible(r.Text!)).Segments);
            })
            .AssertNoReply()
            .StartTestAsync();
    }

    [Theory]
    [InlineData("thanks, what about fentanyl in pills", TurnKind.Answer)]
    [InlineData("thank you for everything, goodbye", TurnKind.Crisis)]
    public async Task A_thank_you_that_says_more_is_read_as_a_message(string message, TurnKind expected)
    {
        await new TestFlow(_bot, ChannelProfile.Sms(maxSegments: MaxSegments))
            .Send(message).AssertOutcome(expected)
            .StartTestAsync();
    }

    [Fact]
    public async Task A_number_that_is_not_an_option_asks_for_one_and_the_options_stay_open()
    {
        await new TestFlow(_bot, ChannelProfile.Sms(maxSegments: MaxSegments))
            .Send("what is narcan").AssertOutcome(TurnKind.Answer)
            .Send("9").AssertOutcome(TurnKind.Meta).AssertReply("Reply 1, 2 or 3, or ask your question.").AssertNoReply()
            .Send("2").AssertOutcome(TurnKind.Answer)
            .StartTestAsync();
    }

    [Fact]
    public async Task A_number_outside_the_spanish_menu_is_answered_in_spanish()
    {
        await new TestFlow(_bot, ChannelProfile.Sms(maxSegments: MaxSegments))
            .Send("hola")
            .Send("12").AssertOutcome(TurnKind.Meta).AssertReply("Responde 1, 2, 3, 4, 5, 6 o 7, o escribe tu pregunta.")
            .StartTestAsync();
    }

    [Fact]
    public async Task More_stops_at_the_content_with_one_short_sources_line()
    {
        var pages = new List<string>();
        var flow = new TestFlow(_bot, ChannelProfile.Sms(maxSegments: MaxSegments)).Send("how do i do rescue breathing");
        for (var i = 0; i < 6; i++)
        {
            flow = flow.Send("more").AssertReply(r => pages.Add(r.Text!));
        }

        await flow.StartTestAsync();

        var last = pages.FindLastIndex(p => !p.StartsWith("That's all I have", StringComparison.Ordinal));
        Assert.InRange(last, 0, 4);
        Assert.All(pages.Take(last + 1), p => Assert.DoesNotContain("http", p, StringComparison.Ordinal));
        Assert.DoesNotContain("(Reply MORE for the rest)", pages[last], StringComparison.Ordinal);
        var sources = pages[last].Split('\n').Last();
        Assert.Matches(@"^Sources: [a-z0-9.-]+\.[a-z]+(, [a-z0-9.-]+\.[a-z]+)*$", sources);
        Assert.StartsWith("That's all I have", pages[last + 1], StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> MenuLabels(KnowledgeBase knowledge, string language) =>
        knowledge.Messages.Get("menu-options", language).Select(l => l[(l.IndexOf('|', StringComparison.Ordinal) + 1)..].Trim()).ToList();

    private static IEnumerable<string> Questions(string file)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(file))
        {
            yaml.Load(reader);
        }

        foreach (var item in ((YamlSequenceNode)yaml.Documents[0].RootNode).Children.OfType<YamlMappingNode>())
        {
            if (item.Children.TryGetValue(new YamlScalarNode("q"), out var q) && q is YamlScalarNode { Value: { } text })
            {
                yield return text;
            }
        }
    }
}
