using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// At most <c>WebChat:TokensPerMinute</c> anonymous tokens per client address (an IPv6 client by its /64, which one
/// subscriber usually holds whole), and <c>WebChat:TotalTokensPerMinute</c> from everyone together. The address lives
/// only in the limiter's memory. Behind a proxy, name it in <c>ForwardedHeaders:KnownProxies</c> so each visitor counts alone.
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
            ClientKey(httpContext.Connection.RemoteIpAddress),
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.Value.TokensPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });

    /// <summary>The address, or for IPv6 its /64 network.</summary>
    public static string ClientKey(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new System.Net.IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }
}
