using System.Collections.Concurrent;
using HarmReduction.Bot.Conversation.State;

namespace HarmReduction.Bot.Channels.Sms;

/// <summary>
/// Who said STOP, by conversation id: on SMS that is the keyed pseudonym of the number, never the number itself.
/// The record holds nothing but its key.
/// <para>
/// A STOP or START is never lost to a store outage: a change the store refuses waits here, in order, and is applied
/// when the store answers again (<see cref="FlushAsync"/>, run every few seconds by <see cref="OptOutFlusher"/>).
/// What this instance last learned about each sender is remembered for a while (bounded), so that during an outage
/// a sender known to have opted out stays silent and one known to be active can be told the service is down.
/// </para>
/// </summary>
public sealed partial class OptOutStore(IStorage storage, ConversationState conversationState, TimeProvider time, ILogger<OptOutStore> logger)
{
    /// <summary>
    /// Storage insists on an expiry for everything, but an opt-out must not lapse while the person still expects
    /// silence: 400 days outlasts a year of not texting, and every message that arrives while opted out starts the
    /// period again. Only the pseudonym is kept, so the long life costs no privacy.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);

    /// <summary>How long a sender seen active is still taken for active when the store cannot be asked.</summary>
    public static readonly TimeSpan ActiveMemory = TimeSpan.FromHours(1);

    /// <summary>Most senders remembered locally (about 100 bytes each).</summary>
    public const int MemoryCapacity = 100_000;

    private static readonly byte[] Marker = "optout"u8.ToArray();

    private readonly ConcurrentDictionary<string, Remembered> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private long _pendingOrder;

    public static string KeyFor(string channelId, string conversationId) => $"{channelId}/optout/{conversationId}";

    /// <summary>Changes waiting for the store.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>What the store says, or (when it cannot be asked) what this instance knows; never throws for a store fault.</summary>
    public async Task<OptOutStatus> StatusAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var key = KeyFor(channelId, conversationId);
        if (_pending.TryGetValue(key, out var pending))
        {
            return pending.OptedOut ? OptOutStatus.OptedOut : OptOutStatus.Active;
        }

        try
        {
            var status = await storage.ReadAsync(key, cancellationToken) is not null ? OptOutStatus.OptedOut : OptOutStatus.Active;
            Remember(key, status);
            return status;
        }
        catch (Exception e) when (StoreFault.Is(e, cancellationToken))
        {
            LogStoreFault(logger, "read", e.GetType().Name);
            return Known(key);
        }
    }

    /// <summary>What this instance knows without asking the store (for deciding what to send during an outage).</summary>
    public OptOutStatus KnownStatus(string channelId, string conversationId)
    {
        var key = KeyFor(channelId, conversationId);
        return _pending.TryGetValue(key, out var pending) ? (pending.OptedOut ? OptOutStatus.OptedOut : OptOutStatus.Active) : Known(key);
    }

    /// <summary>Records the opt-out (or starts its lifetime again) and forgets the conversation; queued if the store is down.</summary>
    public Task OptOutAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        ChangeAsync(channelId, conversationId, optedOut: true, cancellationToken);

    public Task OptInAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        ChangeAsync(channelId, conversationId, optedOut: false, cancellationToken);

    /// <summary>
    /// Whether a STOP or START with this message id was handled before. Twilio's signatures carry no time, so a captured
    /// START could be replayed after the reply cache forgot it and undo a later STOP; the tiny marker lasts as long as
    /// an opt-out does. When the store cannot be asked, the keyword is taken as new.
    /// </summary>
    public async Task<bool> IsReplayAsync(string channelId, string conversationId, string? messageKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(messageKey))
        {
            return false;
        }

        try
        {
            await storage.WriteAsync($"{channelId}/keywords/{conversationId}/{messageKey}", Marker, expectedETag: null, Lifetime, cancellationToken);
            return false;
        }
        catch (EtagConflictException)
        {
            return true;
        }
        catch (Exception e) when (StoreFault.Is(e, cancellationToken))
        {
            LogStoreFault(logger, "replay check", e.GetType().Name);
            return false;
        }
    }

    /// <summary>Applies the changes the store refused, oldest first; returns how many are still waiting.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var (key, pending) in _pending.OrderBy(p => p.Value.Order).ToList())
        {
            try
            {
                await ApplyAsync(key, pending, cancellationToken);
            }
            catch (Exception e) when (StoreFault.Is(e, cancellationToken))
            {
                LogStoreFault(logger, "flush", e.GetType().Name);
                break;
            }

            // A newer change for the same sender stays queued.
            _pending.TryRemove(KeyValuePair.Create(key, pending));
            LogApplied(logger, pending.OptedOut ? "opt-out" : "opt-in");
        }

        return _pending.Count;
    }

    private async Task ChangeAsync(string channelId, string conversationId, bool optedOut, CancellationToken cancellationToken)
    {
        var key = KeyFor(channelId, conversationId);
        var change = new Pending(optedOut, ConversationState.KeyFor(channelId, conversationId), Interlocked.Increment(ref _pendingOrder));
        Remember(key, optedOut ? OptOutStatus.OptedOut : OptOutStatus.Active);
        if (_pending.ContainsKey(key))
        {
            // Keep the order: this change goes behind the one still waiting.
            _pending[key] = change;
            return;
        }

        try
        {
            await ApplyAsync(key, change, cancellationToken);
        }
        catch (Exception e) when (StoreFault.Is(e, cancellationToken))
        {
            _pending[key] = change;
            LogQueued(logger, optedOut ? "opt-out" : "opt-in", e.GetType().Name);
        }
    }

    private async Task ApplyAsync(string key, Pending change, CancellationToken cancellationToken)
    {
        if (change.OptedOut)
        {
            await storage.WriteAsync(key, Marker, StorageItem.AnyETag, Lifetime, cancellationToken);
            await conversationState.ClearAsync(change.StateKey, cancellationToken);
        }
        else
        {
            await storage.DeleteAsync(key, cancellationToken);
        }
    }

    private OptOutStatus Known(string key) =>
        _known.TryGetValue(key, out var known) && (known.Status == OptOutStatus.OptedOut || time.GetUtcNow() - known.At < ActiveMemory)
            ? known.Status
            : OptOutStatus.Unknown;

    private void Remember(string key, OptOutStatus status)
    {
        if (_known.Count >= MemoryCapacity)
        {
            // Forget the senders seen active first; opted-out ones are what an outage must not forget.
            foreach (var active in _known.Where(k => k.Value.Status == OptOutStatus.Active).Select(k => k.Key).ToList())
            {
                _known.TryRemove(active, out _);
            }

            if (_known.Count >= MemoryCapacity)
            {
                return;
            }
        }

        _known[key] = new Remembered(status, time.GetUtcNow());
    }

    private sealed record Remembered(OptOutStatus Status, DateTimeOffset At);

    private sealed record Pending(bool OptedOut, string StateKey, long Order);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Opt-out store {Operation} failed ({Error}); using what this instance knows.")]
    private static partial void LogStoreFault(ILogger logger, string operation, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "State store unavailable ({Error}): the {Change} is queued and will be applied when it answers.")]
    private static partial void LogQueued(ILogger logger, string change, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Change} applied to the state store.")]
    private static partial void LogApplied(ILogger logger, string change);
}
