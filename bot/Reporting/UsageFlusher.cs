namespace HarmReduction.Bot.Reporting;

/// <summary>Adds each instance's counts to the state store every <c>Report:FlushInterval</c>, and once more when the server stops.</summary>
public sealed class UsageFlusher(UsageCounter counter, Microsoft.Extensions.Options.IOptions<ReportOptions> options, TimeProvider time) : BackgroundService
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
        await counter.FlushAsync(cancellationToken);
    }
}
