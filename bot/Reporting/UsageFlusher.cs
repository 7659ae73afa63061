using Microsoft.Extensions.Logging;

namespace HarmReduction.Bot.Reporting;

/// <summary>Adds each instance's counts to the state store every <c>Report:FlushInterval</c>, and once more when the server stops.</summary>
public sealed partial class UsageFlusher(UsageCounter counter, Microsoft.Extensions.Options.IOptions<ReportOptions> options, TimeProvider time, ILogger<UsageFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await counter.FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await counter.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown time ran out while the store did not answer (an outage): the stop is not held up, and
            // the last counts (numbers only) are dropped.
            LogFinalFlushAbandoned(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The last report counts could not be added to the state store before the shutdown time ran out; they are dropped")]
    private static partial void LogFinalFlushAbandoned(ILogger logger);
}
