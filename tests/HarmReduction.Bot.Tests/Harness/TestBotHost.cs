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
public sealed class TestBotHost : IDisposable
{
    private readonly ServiceProvider _services;

    public TestBotHost(IDictionary<string, string?>? settings = null, string? knowledgeFolder = null, Action<IServiceCollection>? configure = null)
    {
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

    // Not before the newest review date in the shipped knowledge: a review date in the future does not validate.
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    public CapturedLogs Logs { get; } = new();

    public IServiceProvider Services => _services;

    public TurnPipeline Pipeline => _services.GetRequiredService<TurnPipeline>();

    public IStorage Storage => _services.GetRequiredService<IStorage>();

    public KnowledgeSnapshot Snapshot => _services.GetRequiredService<KnowledgeProvider>().Current;

    public KnowledgeBase Knowledge => Snapshot.Knowledge;

    public void Dispose() => _services.Dispose();
}
