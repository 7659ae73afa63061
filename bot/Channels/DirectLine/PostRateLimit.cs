using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// At most <c>DirectLine:PostsPerMinute</c> activities per conversation (a sliding minute): one token cannot keep the
/// bot busy. The limiter forgets conversations that go quiet.
/// </summary>
public sealed class PostRateLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public PostRateLimit(IOptions<DirectLineOptions> options)
    {
        var perMinute = options.Value.PostsPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(conversationId => RateLimitPartition.GetSlidingWindowLimiter(
            conversationId,
            _ => new SlidingWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0 }));
    }

    public bool TryAcquire(string conversationId)
    {
        using var lease = _limiter.AttemptAcquire(conversationId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
