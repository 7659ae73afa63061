using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// The token web turns run under: not cancelled when the client hangs up (the transcript must be whole when it comes
/// back), nor at SIGTERM, but <c>DirectLine:DrainTimeout</c> after it, so in-flight turns finish while the server
/// drains its requests (review M1).
/// </summary>
public sealed class TurnDrain : IDisposable
{
    private readonly CancellationTokenSource _drained = new();
    private readonly CancellationTokenRegistration _stopping;

    public TurnDrain(IHostApplicationLifetime lifetime, IOptions<DirectLineOptions> options, TimeProvider time)
    {
        var timeout = options.Value.DrainTimeout;
        _stopping = lifetime.ApplicationStopping.Register(() =>
        {
            try
            {
                if (timeout <= TimeSpan.Zero)
                {
                    _drained.Cancel();
                    return;
                }

                var timer = time.CreateTimer(_ => Cancel(), null, timeout, Timeout.InfiniteTimeSpan);
                _drained.Token.Register(timer.Dispose);
            }
            catch (ObjectDisposedException)
            {
            }
        });
    }

    public CancellationToken Token => _drained.Token;

    public void Dispose()
    {
        _stopping.Dispose();
        _drained.Dispose();
    }

    private void Cancel()
    {
        try
        {
            _drained.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
