using System.Diagnostics;

namespace HarmReduction.Bot.Conversation;

/// <summary>
/// Logs how each turn went (channel, path, entry, score, time) and never what was said or who said it:
/// no message text, no ids, no numbers. On the server it also counts the outcome for the gaps report (counts only).
/// </summary>
public sealed partial class TurnLoggingMiddleware(ILogger<TurnLoggingMiddleware> logger, Reporting.UsageCounter? usage = null) : IMiddleware
{
    public async Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await next(cancellationToken);
        if (turnContext.Outcome.Kind != TurnKind.None)
        {
            LogTurn(logger, turnContext.Channel.ChannelId, turnContext.Outcome.KindName, turnContext.Outcome.EntryId ?? "-",
                turnContext.Outcome.Score ?? 0, turnContext.Language, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            // The start-up warm-up turns are the service talking to itself: not counted in the gaps report.
            if (turnContext.Channel.ChannelId != Hosting.StorageWarmup.ChannelId)
            {
                usage?.Record(turnContext);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn on {Channel}: {Kind} {Entry} score {Score:0.000} lang {Language} in {Milliseconds:0.0} ms")]
    private static partial void LogTurn(ILogger logger, string channel, string kind, string entry, double score, string language, double milliseconds);
}
