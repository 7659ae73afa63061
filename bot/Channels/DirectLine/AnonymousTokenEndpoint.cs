using Microsoft.AspNetCore.Http;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// <c>POST /api/directline/token</c>: a Direct Line token for the built-in page. Nothing is asked of the visitor; the
/// token names a new conversation and a server-chosen user id. Only the page's own origin may ask, at a limited rate.
/// </summary>
public static class AnonymousTokenEndpoint
{
    public const string Path = "/api/directline/token";

    public static RouteHandlerBuilder MapAnonymousToken(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, Issue).RequireRateLimiting(AnonymousTokenRateLimit.PolicyName);

    private static IResult Issue(HttpContext http, DirectLineTokens tokens, AnonymousTokenBudget budget)
    {
        if (!IsSameOrigin(http.Request))
        {
            return ErrorResponse.Result(StatusCodes.Status403Forbidden, ErrorResponse.Forbidden, "Anonymous tokens are only for this site's own chat page.");
        }

        if (!budget.TryTake())
        {
            http.Response.Headers.RetryAfter = "60";
            return ErrorResponse.Result(StatusCodes.Status429TooManyRequests, ErrorResponse.TooManyRequests, "Too many new chats right now; try again in a minute.");
        }

        http.Response.Headers.CacheControl = "no-store";
        var token = tokens.Issue(DirectLineEndpoints.NewConversationId(), DirectLineEndpoints.NewUserId());
        return Results.Json(new ConversationResponse(token.ConversationId, token.Token, token.ExpiresIn), DirectLineJson.Options);
    }

    /// <summary>
    /// Browsers say where a request comes from: Sec-Fetch-Site when they support it, else Origin, which must name this
    /// host (compared without the scheme, so a TLS-terminating proxy in front does not break the page).
    /// </summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            return string.Equals(fetchSite, "same-origin", StringComparison.OrdinalIgnoreCase);
        }

        var origin = request.Headers.Origin.ToString();
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
