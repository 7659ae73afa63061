using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// At most <c>WebChat:TokensPerMinute</c> anonymous tokens per client address. The address lives only in the limiter's
/// memory. Behind a proxy, enable forwarded headers (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>) so each visitor counts alone.
/// </summary>
public sealed class AnonymousTokenRateLimit(IOptions<WebChatOptions> options) : IRateLimiterPolicy<string>
{
    public const string PolicyName = "webchat-anonymous-token";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, cancellationToken) =>
    {
        var response = context.HttpContext.Response;
        response.Headers.RetryAfter = "60";
        await ErrorResponse.Result(StatusCodes.Status429TooManyRequests, ErrorResponse.TooManyRequests, "Too many new chats from this address; try again in a minute.")
            .ExecuteAsync(context.HttpContext);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.Value.TokensPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
}
