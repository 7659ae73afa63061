namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>Sends "typing" now and again every interval until disposed (when the bot's replies are ready).</summary>
public sealed class TypingLoop : IDisposable
{
    private readonly PeriodicTimer _timer;

    public TypingLoop(Action send, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(interval, time);
        send();
        _ = RepeatAsync(send, cancellationToken);
    }

    public void Dispose() => _timer.Dispose();

    private async Task RepeatAsync(Action send, CancellationToken cancellationToken)
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(cancellationToken))
            {
                send();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
