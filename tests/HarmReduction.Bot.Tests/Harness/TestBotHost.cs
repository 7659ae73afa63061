using System.Globalization;
using System.Text.RegularExpressions;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Hosting;
using HarmReduction.Bot.Knowledge;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HarmReduction.Bot.Tests.Harness;

/// <summary>
/// The real engine (same registrations as the server) in memory, with the real knowledge folder, in-memory storage and a
/// fake clock the test controls.
/// </summary>
public sealed partial class TestBotHost : IDisposable
{
    private readonly ServiceProvider _services;

    public TestBotHost(IDictionary<string, string?>? settings = null, string? knowledgeFolder = null, Action<IServiceCollection>? configure = null)
    {
        Time = new FakeTimeProvider(StartOf(knowledgeFolder ?? RepoPaths.Knowledge));
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepoPaths.Root, "appsettings.json"))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Knowledge:Path"] = knowledgeFolder ?? RepoPaths.Knowledge })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddProvider(Logs));
        services.AddHarmReductionBot();
        services.AddSingleton<TimeProvider>(Time);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
        var errors = _services.GetRequiredService<KnowledgeProvider>().Load();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The knowledge folder does not validate:\n" + string.Join("\n", errors));
        }
    }

    public FakeTimeProvider Time { get; }

    /// <summary>
    /// Noon on 2026-12-03, or on the newest review date in the folder when that is later (and not after today): a review
    /// date in the future does not validate, and content reviewed today must load in the tests too.
    /// </summary>
    private static DateTimeOffset StartOf(string knowledgeFolder)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var newest = new DateOnly(2026, 12, 3);
        foreach (var file in Directory.EnumerateFiles(knowledgeFolder, "*.yaml", SearchOption.AllDirectories))
        {
            foreach (Match reviewed in ReviewDate().Matches(File.ReadAllText(file)))
            {
                if (DateOnly.TryParseExact(reviewed.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date > newest && date <= today)
                {
                    newest = date;
                }
            }
        }

        return new DateTimeOffset(newest.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
    }

    [GeneratedRegex(@"^\s*reviewed:\s*(\d{4}-\d{2}-\d{2})\s*$", RegexOptions.Multiline)]
    private static partial Regex ReviewDate();

    public CapturedLogs Logs { get; } = new();

    public IServiceProvider Services => _services;

    public TurnPipeline Pipeline => _services.GetRequiredService<TurnPipeline>();

    public IStorage Storage => _services.GetRequiredService<IStorage>();

    public KnowledgeSnapshot Snapshot => _services.GetRequiredService<KnowledgeProvider>().Current;

    public KnowledgeBase Knowledge => Snapshot.Knowledge;

    public void Dispose() => _services.Dispose();
}
