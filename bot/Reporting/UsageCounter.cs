using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Knowledge.Matching;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Reporting;

/// <summary>
/// Counts how each turn went, for the gaps report: per UTC day, language and channel, which entry answered and how sure,
/// what "Did you mean" offered and what was picked, which entries a fallback nearly matched. Nothing else: no message
/// text, no conversation id, no pseudonym, no time finer than the day. Counts wait in memory and are added to the state
/// store every <c>Report:FlushInterval</c>, when the server stops and when a report is read.
/// </summary>
public sealed partial class UsageCounter(UsageStore store, IOptions<ReportOptions> options, TimeProvider time, ILogger<UsageCounter> logger, UnknownWords? unknownWords = null)
{
    private const int NearMatches = 3;

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private Dictionary<(DateOnly Day, string Key), long> _pending = [];

    public void Record(TurnContext turn)
    {
        if (!options.Value.Enabled || turn.Outcome.Kind == TurnKind.None)
        {
            return;
        }

        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var lang = turn.Language;
        var channel = ChannelName(turn.Channel);
        var outcome = turn.Outcome;
        var keys = new List<UsageKey>();
        switch (outcome.Kind)
        {
            case TurnKind.Answer or TurnKind.Meta when outcome.EntryId is { } entry:
                keys.Add(new UsageKey(lang, channel, outcome.Route switch
                {
                    TurnRoute.Picked => UsageMetrics.Picked,
                    TurnRoute.FollowUp => UsageMetrics.FollowUp,
                    TurnRoute.More => UsageMetrics.More,
                    _ => (outcome.Score ?? 0) >= options.Value.HighConfidenceAt ? UsageMetrics.AnswerHigh : UsageMetrics.AnswerLow,
                }, entry));
                break;
            case TurnKind.Meta or TurnKind.Answer:
                keys.Add(new UsageKey(lang, channel, UsageMetrics.Meta));
                break;
            case TurnKind.Clarify:
                keys.Add(new UsageKey(lang, channel, UsageMetrics.Clarify));
                var offered = turn.TurnState.TryGetValue(TurnStateKeys.Decision, out var d) && d is RankedDecision decision ? decision.Candidates : [];
                keys.AddRange(offered.Select(c => new UsageKey(lang, channel, UsageMetrics.Offered, c.Entry.Id)));
                break;
            case TurnKind.Fallback when outcome.Route == TurnRoute.NoneOfThese:
                keys.Add(new UsageKey(lang, channel, UsageMetrics.NoneOfThese));
                break;
            case TurnKind.Fallback:
                keys.Add(new UsageKey(lang, channel, UsageMetrics.Fallback));
                var near = turn.TurnState.TryGetValue(TurnStateKeys.Ranked, out var r) && r is IReadOnlyList<KnowledgeMatch> ranked ? ranked : [];
                keys.AddRange(near.Where(m => m.Score > 0).Take(NearMatches).Select(m => new UsageKey(lang, channel, UsageMetrics.Near, m.Entry.Id)));
                break;
            case TurnKind.Emergency:
                keys.Add(new UsageKey(lang, channel, UsageMetrics.Emergency, outcome.EntryId));
                break;
            case TurnKind.Crisis:
                keys.Add(new UsageKey(lang, channel, UsageMetrics.Crisis));
                break;
            case TurnKind.OptOut:
                keys.Add(new UsageKey(lang, channel, UsageMetrics.OptOut));
                break;
        }

        lock (_lock)
        {
            foreach (var key in keys)
            {
                var at = (day, key.ToString());
                _pending[at] = _pending.GetValueOrDefault(at) + 1;
            }
        }

        if (options.Value.UnknownWords.Enabled)
        {
            unknownWords?.Record(turn);
        }
    }

    /// <summary>Adds the counts kept in memory to the state store. A store that fails keeps them for the next time.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            Dictionary<(DateOnly Day, string Key), long> taken;
            lock (_lock)
            {
                taken = _pending;
                _pending = [];
            }

            foreach (var day in taken.GroupBy(kv => kv.Key.Day))
            {
                try
                {
                    await store.AddAsync(day.Key, day.ToDictionary(kv => kv.Key.Key, kv => kv.Value, StringComparer.Ordinal), cancellationToken);
                }
                catch (Exception e) when (StoreFault.Is(e, cancellationToken))
                {
                    LogFlushFailed(logger, e.GetType().Name);
                    lock (_lock)
                    {
                        foreach (var (key, count) in day)
                        {
                            _pending[key] = _pending.GetValueOrDefault(key) + count;
                        }
                    }
                }
            }

            if (unknownWords is not null && options.Value.UnknownWords.Enabled)
            {
                try
                {
                    await unknownWords.FlushAsync(cancellationToken);
                }
                catch (Exception e) when (StoreFault.Is(e, cancellationToken))
                {
                    LogFlushFailed(logger, e.GetType().Name);
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>sms or web: the report's channels, whatever the adapter calls itself.</summary>
    public static string ChannelName(ChannelProfile channel) => channel.IsSms ? "sms" : "web";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not add the report's counts to the state store ({Error}); they are kept for the next try")]
    private static partial void LogFlushFailed(ILogger logger, string error);
}
