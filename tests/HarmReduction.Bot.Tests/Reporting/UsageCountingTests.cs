using System.Text;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Reporting;
using HarmReduction.Bot.Tests.Answering;
using HarmReduction.Bot.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace HarmReduction.Bot.Tests.Reporting;

/// <summary>What the gaps report counts for each kind of turn, and that the store holds counts and nothing else.</summary>
public sealed class UsageCountingTests : IDisposable
{
    private readonly string _folder = FlowKnowledge.CreateFolder();
    private readonly TestBotHost _bot;

    public UsageCountingTests()
    {
        // "naloxone" matches the home and school entries equally; with a tie margin the bot asks which.
        _bot = new TestBotHost(new Dictionary<string, string?> { ["Answering:TieMargin"] = "0.05" }, _folder, services => services.AddGapsReport());
    }

    [Fact]
    public async Task Each_turn_is_counted_by_day_language_channel_and_entry_with_how_it_was_reached()
    {
        await new TestFlow(_bot, ChannelProfile.Sms())
            .Send("where do i keep narcan in the house").AssertOutcome(TurnKind.Answer, "naloxone-home")
            .Send("1").AssertOutcome(TurnKind.Answer, "naloxone-school")
            .Send("more").AssertOutcome(TurnKind.Answer, "naloxone-school")
            .StartTestAsync();
        await new TestFlow(_bot, ChannelProfile.Sms())
            .Send("naloxone").AssertOutcome(TurnKind.Clarify)
            .Send("2").AssertOutcome(TurnKind.Answer)
            .Send("naloxone").AssertOutcome(TurnKind.Clarify)
            .Send("none of these").AssertOutcome(TurnKind.Fallback)
            .Send("zorblax quimbly frobnication glorpish wibble flarp snorgle blibber naloxone home").AssertOutcome(TurnKind.Fallback)
            .StartTestAsync();
        await new TestFlow(_bot, ChannelProfile.Web()).Send("home naloxone").AssertOutcome(TurnKind.Answer, "naloxone-home").StartTestAsync();

        await _bot.Services.GetRequiredService<UsageCounter>().FlushAsync(CancellationToken.None);
        var counts = await _bot.Services.GetRequiredService<UsageStore>().ReadDayAsync(new DateOnly(2026, 12, 3), CancellationToken.None);

        Assert.Equal(1, counts["en|sms|answer-high|naloxone-home"]);
        Assert.Equal(1, counts["en|web|answer-high|naloxone-home"]);
        Assert.Equal(1, counts["en|sms|follow-up|naloxone-school"]);
        Assert.Equal(1, counts["en|sms|more|naloxone-school"]);
        Assert.Equal(2, counts["en|sms|clarify|-"]);
        Assert.Equal(2, counts["en|sms|offered|naloxone-home"]);
        Assert.Equal(2, counts["en|sms|offered|naloxone-school"]);
        Assert.Equal(1, counts["en|sms|picked|naloxone-school"]);
        Assert.Equal(1, counts["en|sms|none-of-these|-"]);
        Assert.Equal(1, counts["en|sms|fallback|-"]);
        Assert.Contains(counts.Keys, k => k.StartsWith("en|sms|near|naloxone-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_store_keeps_counts_by_day_that_expire_and_never_the_words_or_the_conversation()
    {
        var flow = new TestFlow(_bot, ChannelProfile.Sms());
        await flow.Send("where do i keep narcan in the house").Send("zorblax quimbly frobnication").StartTestAsync();
        var conversation = flow.Adapter.ConversationId;

        await _bot.Services.GetRequiredService<UsageCounter>().FlushAsync(CancellationToken.None);

        var storage = (MemoryStorage)_bot.Storage;
        var usage = await storage.ReadAsync(UsageStore.KeyFor(new DateOnly(2026, 12, 3)), CancellationToken.None);
        var stored = Encoding.UTF8.GetString(usage!.Value.Span);
        Assert.DoesNotContain("zorblax", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("keep", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(conversation, stored, StringComparison.Ordinal);

        _bot.Time.Advance(TimeSpan.FromDays(90));
        Assert.NotNull(await storage.ReadAsync(UsageStore.KeyFor(new DateOnly(2026, 12, 3)), CancellationToken.None));
        _bot.Time.Advance(TimeSpan.FromDays(1));
        Assert.Null(await storage.ReadAsync(UsageStore.KeyFor(new DateOnly(2026, 12, 3)), CancellationToken.None));
    }

    [Fact]
    public async Task A_rare_count_shows_as_under_5_and_an_unused_entry_is_listed()
    {
        await new TestFlow(_bot, ChannelProfile.Sms())
            .Send("where do i keep narcan in the house").Send("keeping naloxone at home").Send("home naloxone")
            .Send("keeping naloxone at home").Send("where do i keep narcan in the house").Send("should i rotate injection sites")
            .StartTestAsync();
        await _bot.Services.GetRequiredService<UsageCounter>().FlushAsync(CancellationToken.None);

        var report = await GapsReport.BuildAsync(
            _bot.Services.GetRequiredService<UsageStore>(), _bot.Knowledge, new ReportOptions(), days: 7, CancellationToken.None);
        var text = report.ToText();

        Assert.Matches(@"naloxone-home\s+en\s+sms\s+5\s+5\s", text);
        Assert.Matches(@"long-details\s+en\s+sms\s+<5\s+<5\s", text);
        Assert.Contains("Entries not answered in the last 90 days (counted since 2026-12-03): 1", text, StringComparison.Ordinal);
        Assert.Contains("  en: naloxone-school", text, StringComparison.Ordinal);
        Assert.Contains("2026-12-03,en,sms,answer-high,long-details,<5", report.ToCsv(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _bot.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
