using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Semantic;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// Holds the current knowledge snapshot. Loads once at start (the service refuses to start on an invalid folder) and,
/// with <c>Knowledge:Watch</c>, reloads on change: a broken edit keeps the last good snapshot, so nothing is lost.
/// Nothing a reload meets may stop the service: every failure is logged and the last good snapshot stays. A watched
/// folder that is deleted or replaced (<c>rm -rf; cp -r</c>, a deploy by rename) is watched again once it is back.
/// The contact settings (<c>Resources:*</c>) reload the same way: a value that breaks an answer is refused, naming the
/// setting, and the last good version keeps serving. <see cref="Status"/> says what is served and what was refused.
/// </summary>
public sealed partial class KnowledgeProvider : IDisposable
{
    private KnowledgeLoader _loader;
    private readonly ILogger<KnowledgeProvider> _logger;
    private readonly Lock _reloadLock = new();
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;
    private KnowledgeSnapshot? _current;

    private readonly RankingWeights _weights;

    private readonly RankerKind _ranker;

    private readonly SemanticLayer _semantic;

    private readonly TimeProvider _time;

    private readonly IDisposable? _contactsSubscription;

    private ResourcesOptions? _contacts;

    public KnowledgeProvider(
        KnowledgeLoader loader,
        IOptions<KnowledgeOptions> options,
        RankingWeights weights,
        SemanticLayer semantic,
        ILogger<KnowledgeProvider> logger,
        IOptionsMonitor<ResourcesOptions>? contacts = null,
        TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _contacts = contacts?.CurrentValue;
        _contactsSubscription = contacts?.OnChange(ContactsChanged);
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

    /// <summary>The version served (content hash, load time) and the pending refused reload, if any.</summary>
    public KnowledgeStatus Status { get; } = new();

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
                IReadOnlyList<KnowledgeError> unreadable = [new KnowledgeError(new SourcePosition(Folder, 1, 1), $"the knowledge folder could not be read ({e.GetType().Name})")];
                RecordRefusal(unreadable);
                return unreadable;
            }

            if (result.Knowledge is null)
            {
                var errors = result.Errors.Count > 0 ? result.Errors : [new KnowledgeError(new SourcePosition(Folder, 1, 1), "the knowledge folder could not be loaded")];
                RecordRefusal(errors);
                return errors;
            }

            _current = new KnowledgeSnapshot(result.Knowledge, _weights, _ranker, _semantic);
            Version++;
            LoadedAt = _time.GetUtcNow();
            RecordServed(result.Knowledge.Entries.Count);
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
        _contactsSubscription?.Dispose();
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

    private void RecordServed(int entries)
    {
        var resources = _loader.Resources;
        Status.Served(new KnowledgeVersion(KnowledgeVersion.HashOf(Folder, resources), _time.GetUtcNow(), entries, resources));
    }

    /// <summary>A refusal matters only while something is served: at start, the service does not start at all.</summary>
    private void RecordRefusal(IReadOnlyList<KnowledgeError> errors)
    {
        if (_current is not null)
        {
            Status.Refuse(new RefusedReload(_time.GetUtcNow(), errors));
        }
    }

    /// <summary>appsettings.json changed: reload with the new contacts if they changed (other settings do not concern the knowledge).</summary>
    private void ContactsChanged(ResourcesOptions contacts)
    {
        try
        {
            if (_contacts is not null && SameContacts(_contacts, contacts))
            {
                return;
            }

            _contacts = contacts;
            lock (_reloadLock)
            {
                _loader = _loader.With(contacts);
            }

            foreach (var error in Load())
            {
                LogReloadError(_logger, error.ToString());
            }
        }
        catch (Exception e)
        {
            // Nothing a reload meets may stop the service: the last good version keeps serving.
            LogReloadFailed(_logger, e.GetType().Name);
        }
    }

    private static bool SameContacts(ResourcesOptions a, ResourcesOptions b) =>
        System.Text.Json.JsonSerializer.Serialize(a.OrderBy(r => r.Key, StringComparer.OrdinalIgnoreCase))
        == System.Text.Json.JsonSerializer.Serialize(b.OrderBy(r => r.Key, StringComparer.OrdinalIgnoreCase));

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
