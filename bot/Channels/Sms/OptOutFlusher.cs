namespace HarmReduction.Bot.Channels.Sms;

/// <summary>Applies opt-outs and opt-ins queued during a store outage, every few seconds, until the store takes them.</summary>
public sealed class OptOutFlusher(OptOutStore optOuts, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (optOuts.PendingCount > 0)
                {
                    await optOuts.FlushAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
