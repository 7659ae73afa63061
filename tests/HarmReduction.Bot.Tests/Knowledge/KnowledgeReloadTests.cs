using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Tests.Harness;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HarmReduction.Bot.Tests.Knowledge;

public sealed class KnowledgeReloadTests : IDisposable
{
    private readonly KnowledgeFolderBuilder _folder = new();

    [Fact]
    public async Task A_watched_folder_reloads_good_edits_and_keeps_the_last_good_version_on_a_broken_one()
    {
        _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry);
        var logs = new CapturedLogs();
        using var loggers = new LoggerFactory([logs]);
        using var provider = new KnowledgeProvider(
            new KnowledgeLoader(new ResourcesOptions(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero))),
            Options.Create(new KnowledgeOptions { Path = _folder.Root, Watch = true }),
            RankingWeights.Default,
            Bot.Semantic.SemanticLayer.Off,
            loggers.CreateLogger<KnowledgeProvider>());
        Assert.Empty(provider.Load());
        provider.StartWatching();

        _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("What naloxone is", "Naloxone, explained", StringComparison.Ordinal));
        await Eventually(() => provider.Current.Knowledge.ById["naloxone-basics"].Title == "Naloxone, explained");

        _folder.With("en/naloxone.yaml", "- id: [broken\n");
        _folder.With("en/other.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("naloxone-basics", "other-entry", StringComparison.Ordinal));
        await Eventually(() => logs.All.Contains("reload refused", StringComparison.Ordinal) && logs.All.Contains("en/naloxone.yaml:2:1", StringComparison.Ordinal));

        Assert.Equal("Naloxone, explained", provider.Current.Knowledge.ById["naloxone-basics"].Title);
        Assert.False(provider.Current.Knowledge.ById.ContainsKey("other-entry"));
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Waits (up to 10 s) for the file watcher to deliver; a condition, not a timing assertion.</summary>
    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "the watched folder was not reloaded within 10 s");
    }
}
