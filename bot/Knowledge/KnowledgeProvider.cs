using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Semantic;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// Holds the current knowledge snapshot. Loads once at start (the service refuses to start on an invalid folder) and,
/// with <c>Knowledge:Watch</c>, reloads on change: a broken edit keeps the last good snapshot, so nothing is lost.
/// Nothing a reload meets may stop the service: every failure is logged and the last good snapshot stays. A watched
/// folder that is deleted or replaced (<c>rm -rf; cp -r</c>, a deploy by rename) is watched again once it is back.
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

    /// <summary>How many times a snapshot was loaded, and when the current one was: shown by <c>/readyz</c>.</summary>
    public int Version { get; private set; }

    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>Whether the watcher is armed (false while a watched folder is missing).</summary>
    public bool IsWatching => _watcher is not null;

    /// <summary>Loads the folder; returns the errors (empty when the snapshot was replaced).</summary>
    public IReadOnlyList<KnowledgeError> Load()
    {
        lock (_reloadLock)
        {
            KnowledgeLoadResult result;
            try
            {
                result = _loader.Load(Folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return [new KnowledgeError(new SourcePosition(Folder, 1, 1), $"the knowledge folder could not be read ({e.GetType().Name})")];
            }

            if (result.Knowledge is null)
            {
                return result.Errors.Count > 0 ? result.Errors : [new KnowledgeError(new SourcePosition(Folder, 1, 1), "the knowledge folder could not be loaded")];
            }

            _current = new KnowledgeSnapshot(result.Knowledge, _weights, _ranker, _semantic);
            Version++;
            LoadedAt = DateTimeOffset.UtcNow;
            LogLoaded(_logger, result.EntryCount, Folder);
            return [];
        }
    }

    public void StartWatching()
    {
        if (!Watch || _debounce is not null)
        {
            return;
        }

        _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        Arm();
    }

    public void Dispose()
    {
        lock (_reloadLock)
        {
            _disposed = true;
            _watcher?.Dispose();
            _watcher = null;
            _debounce?.Dispose();
        }
    }

    private bool _disposed;

    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);

    /// <summary>While the folder is missing, how often to look for it again.</summary>
    private static readonly TimeSpan RearmInterval = TimeSpan.FromSeconds(2);

    /// <summary>(Re)creates the watcher on the folder as it is now; false when the folder is not there.</summary>
    private bool Arm()
    {
        lock (_reloadLock)
        {
            if (_disposed)
            {
                return false;
            }

            _watcher?.Dispose();
            _watcher = null;
            try
            {
                var watcher = new FileSystemWatcher(Folder) { IncludeSubdirectories = true };
                watcher.Changed += (_, _) => Schedule(Debounce);
                watcher.Created += (_, _) => Schedule(Debounce);
                watcher.Deleted += (_, _) => Schedule(Debounce);
                watcher.Renamed += (_, _) => Schedule(Debounce);
                watcher.Error += (_, e) =>
                {
                    LogWatcherError(_logger, e.GetException().GetType().Name);
                    Schedule(Debounce);
                };
                watcher.EnableRaisingEvents = true;
                _watcher = watcher;
                return true;
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                return false;
            }
        }
    }

    private void Schedule(TimeSpan due)
    {
        try
        {
            _debounce?.Change(due, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>The timer's callback: nothing may escape it, since an exception on a timer thread ends the process.</summary>
    private void Reload()
    {
        try
        {
            // A folder replaced since the watcher was armed leaves it watching the old, deleted one: arm it again.
            if (!Directory.Exists(Folder))
            {
                lock (_reloadLock)
                {
                    _watcher?.Dispose();
                    _watcher = null;
                }

                LogFolderMissing(_logger, Folder);
                Schedule(RearmInterval);
                return;
            }

            Arm();
            foreach (var error in Load())
            {
                LogReloadError(_logger, error.ToString());
            }
        }
        catch (Exception e)
        {
            LogReloadFailed(_logger, e.GetType().Name);
            Schedule(RearmInterval);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge loaded: {Count} entries from {Folder}")]
    private static partial void LogLoaded(ILogger logger, int count, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The knowledge folder watcher failed ({Error}); watching it again.")]
    private static partial void LogWatcherError(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The knowledge folder {Folder} is missing; keeping the last good version and looking for it again.")]
    private static partial void LogFolderMissing(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge reload failed ({Error}); keeping the last good version.")]
    private static partial void LogReloadFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge reload refused, keeping the last good version: {Error}")]
    private static partial void LogReloadError(ILogger logger, string error);
}
