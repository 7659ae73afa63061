using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Reporting;
using HarmReduction.Bot.Tests.Answering;
using HarmReduction.Bot.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace HarmReduction.Bot.Tests.Reporting;

/// <summary>A store that stops answering while the counts are flushed: the flush neither throws nor drops them.</summary>
public sealed class UsageFlushOutageTests : IDisposable
{
    private readonly string _folder = FlowKnowledge.CreateFolder();
    private readonly TestBotHost _bot;
    private OutageStorage? _storage;

    public UsageFlushOutageTests()
    {
        _bot = new TestBotHost(
            new Dictionary<string, string?> { ["Report:UnknownWords:Enabled"] = "true", ["Report:UnknownWords:MinConversations"] = "1" },
            _folder,
            services => services.AddGapsReport().AddSingleton<IStorage>(sp => _storage = new OutageStorage(new MemoryStorage(sp.GetRequiredService<TimeProvider>()))));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Counts_and_unknown_words_are_kept_through_an_outage_and_written_when_the_store_is_back(bool givesUpByCancelling)
    {
        await new TestFlow(_bot, ChannelProfile.Sms()).Send("where do i keep narcan in the house").Send("zorblax quimbly frobnication").StartTestAsync();
        var counter = _bot.Services.GetRequiredService<UsageCounter>();
        var storage = _storage!;

        storage.Down = givesUpByCancelling ? new TaskCanceledException("the client gave up") : new InvalidOperationException("no connection");
        await counter.FlushAsync(CancellationToken.None);
        Assert.True(storage.Refused > 0);
        Assert.Null(await storage.Inner.ReadAsync(UsageStore.KeyFor(new DateOnly(2026, 12, 3)), CancellationToken.None));

        storage.Down = null;
        await counter.FlushAsync(CancellationToken.None);
        var counts = await _bot.Services.GetRequiredService<UsageStore>().ReadDayAsync(new DateOnly(2026, 12, 3), CancellationToken.None);
        Assert.Equal(1, counts["en|sms|answer-high|naloxone-home"]);
        var words = await _bot.Services.GetRequiredService<UnknownWords>().ShownAsync(new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 3), CancellationToken.None);
        Assert.Contains(words, w => w.Word == "zorblax");
    }

    public void Dispose()
    {
        _bot.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
