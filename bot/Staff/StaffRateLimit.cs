using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Staff;

/// <summary>
/// At most <c>Staff:RequestsPerMinute</c> requests to <c>/staff</c> per client address, with the right token or a wrong
/// one, so the token cannot be guessed at speed. The address lives only in the limiter's memory.
/// </summary>
public sealed class StaffRateLimit(IOptions<StaffOptions> options) : IRateLimiterPolicy<string>
{
    public const string PolicyName = "staff";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, cancellationToken) =>
    {
        var response = context.HttpContext.Response;
        response.Headers.RetryAfter = "60";
        response.Headers.CacheControl = "no-store";
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests to the staff page from this address; try again in a minute.")
            .ExecuteAsync(context.HttpContext);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.Value.RequestsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
}
