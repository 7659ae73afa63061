using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Semantic;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// Holds the current knowledge snapshot. Loads once at start (the service refuses to start on an invalid folder) and,
/// with <c>Knowledge:Watch</c>, reloads on change: a broken edit keeps the last good snapshot, so nothing is lost.
/// </summary>
public sealed partial class KnowledgeProvider : IDisposable
{
    private readonly KnowledgeLoader _loader;
    private readonly ILogger<KnowledgeProvider> _logger;
    private readonly Lock _reloadLock = new();
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;
    private KnowledgeSnapshot? _current;

    private readonly RankingWeights _weights;

    private readonly RankerKind _ranker;

    private readonly SemanticLayer _semantic;

    public KnowledgeProvider(KnowledgeLoader loader, IOptions<KnowledgeOptions> options, RankingWeights weights, SemanticLayer semantic, ILogger<KnowledgeProvider> logger)
    {
        _loader = loader;
        _weights = weights;
        _semantic = semantic;
        _ranker = options.Value.Ranker;
        _logger = logger;
        Folder = KnowledgeFolder.Resolve(options.Value.Path);
        Watch = options.Value.Watch;
    }

    public string Folder { get; }

    public bool Watch { get; }

    public KnowledgeSnapshot Current => _current ?? throw new InvalidOperationException("The knowledge base has not been loaded; call Load() at startup.");

    public bool IsLoaded => _current is not null;

    /// <summary>Loads the folder; returns the errors (empty when the snapshot was replaced).</summary>
    public IReadOnlyList<KnowledgeError> Load()
    {
        lock (_reloadLock)
        {
            var result = _loader.Load(Folder);
            if (result.Knowledge is null)
            {
                return result.Errors.Count > 0 ? result.Errors : [new KnowledgeError(new SourcePosition(Folder, 1, 1), "the knowledge folder could not be loaded")];
            }

            _current = new KnowledgeSnapshot(result.Knowledge, _weights, _ranker, _semantic);
            LogLoaded(_logger, result.EntryCount, Folder);
            return [];
        }
    }

    public void StartWatching()
    {
        if (!Watch || _watcher is not null)
        {
            return;
        }

        _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(Folder) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        _watcher.Changed += (_, _) => _debounce.Change(500, Timeout.Infinite);
        _watcher.Created += (_, _) => _debounce.Change(500, Timeout.Infinite);
        _watcher.Deleted += (_, _) => _debounce.Change(500, Timeout.Infinite);
        _watcher.Renamed += (_, _) => _debounce.Change(500, Timeout.Infinite);
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }

    private void Reload()
    {
        var errors = Load();
        foreach (var error in errors)
        {
            LogReloadError(_logger, error.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge loaded: {Count} entries from {Folder}")]
    private static partial void LogLoaded(ILogger logger, int count, string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge reload refused, keeping the last good version: {Error}")]
    private static partial void LogReloadError(ILogger logger, string error);
}
