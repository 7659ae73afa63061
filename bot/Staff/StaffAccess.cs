using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Staff;

/// <summary>
/// Who may use <c>/staff</c>: nobody while <c>Staff:Token</c> is empty (404, as if there were no such page), and for the
/// data under <c>/staff/api</c>, only a request carrying the token as <c>Authorization: Bearer</c> (else 401). The two
/// tokens are compared as SHA-256 hashes with a constant-time comparison, so neither the length nor the first wrong
/// character shows in the response time. No cookie is ever set: the page sends the header from memory.
/// </summary>
internal static class StaffAccess
{
    private const string Scheme = "Bearer ";

    /// <summary>404 for everything under <c>/staff</c> while the page is off.</summary>
    public static async ValueTask<object?> RequireEnabled(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<StaffOptions>>().CurrentValue;
        Secure(context.HttpContext.Response);
        return options.Enabled ? await next(context) : Results.NotFound();
    }

    /// <summary>401 unless the request carries the token; 404 while the page is off.</summary>
    public static async ValueTask<object?> RequireToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<StaffOptions>>().CurrentValue;
        var response = context.HttpContext.Response;
        Secure(response);
        if (!options.Enabled)
        {
            return Results.NotFound();
        }

        if (!Matches(context.HttpContext.Request.Headers.Authorization.ToString(), options.Token))
        {
            response.Headers.WWWAuthenticate = "Bearer realm=\"staff\"";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The staff token is missing or wrong.");
        }

        return await next(context);
    }

    internal static bool Matches(string authorization, string token)
    {
        var presented = authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? authorization[Scheme.Length..].Trim() : string.Empty;
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), expected);
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), actual);
        return CryptographicOperations.FixedTimeEquals(expected, actual) && presented.Length > 0;
    }

    /// <summary>Nothing under <c>/staff</c> is cached, framed, sniffed or leaks a referrer.</summary>
    private static void Secure(HttpResponse response)
    {
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = StaffPage.ContentSecurityPolicy;
    }
}
