using System.Globalization;
using System.Text.Json;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// <c>POST /api/directline/token</c>: a Direct Line token for the built-in page. Nothing is asked of the visitor; the
/// token names a new conversation and a server-chosen user id. Only the page's own origin may ask, at a limited rate.
/// With <c>{"start": true}</c> the call also starts the conversation and returns its greeting and stream URL.
/// </summary>
public static class AnonymousTokenEndpoint
{
    public const string Path = "/api/directline/token";

    /// <summary>The page sends at most <c>{"start": true, "locale": "..."}</c>.</summary>
    private const int MaxBodyBytes = 1024;

    public static RouteHandlerBuilder MapAnonymousToken(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, IssueAsync).RequireRateLimiting(AnonymousTokenRateLimit.PolicyName);

    private static async Task<IResult> IssueAsync(HttpContext http, DirectLineTokens tokens, ConversationStore store, DirectLineTurns turns, AnonymousTokenBudget budget, IOptions<PublicUrlOptions> publicUrl, CancellationToken cancellationToken)
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
        var body = await RequestBody.ReadAsync(http.Request, MaxBodyBytes, cancellationToken);
        if (body is not { Length: > 0 } || !TryReadStart(body, out var json) || !json.TryGetProperty("start", out var start) || start.ValueKind != JsonValueKind.True)
        {
            return Results.Json(new ConversationResponse(token.ConversationId, token.Token, token.ExpiresIn), DirectLineJson.Options);
        }

        // {"start": true, "locale": "es-US"}: the page's one call before it can show anything. The conversation is started
        // and greeted here, and the greeting comes back with the token, instead of after three more round trips.
        var locale = DirectLineEndpoints.Locale(json);
        await store.TryCreateAsync(token.ConversationId, token.UserId, locale, cancellationToken);
        var join = new Activity { Type = ActivityTypes.Event, Name = "webchat/join", ChannelId = "webchat", Locale = locale };
        var caller = new DirectLineCaller(tokens.Check(token.Token), token.Token);
        await turns.PostAsync(token.ConversationId, caller, join, DirectLineEndpoints.ServiceUrl(http.Request, publicUrl.Value));
        var transcript = await store.GetAsync(token.ConversationId, cancellationToken, after: 0);
        var greeting = transcript?.After(0).Where(a => a.IsMessage).ToList() ?? [];
        var watermark = transcript?.LastSequence ?? 0;
        return Results.Json(
            new StartedConversationResponse(
                token.ConversationId, token.Token, token.ExpiresIn,
                DirectLineEndpoints.StreamUrl(http.Request, publicUrl.Value, token.ConversationId, token.Token, watermark),
                watermark.ToString(CultureInfo.InvariantCulture), greeting),
            DirectLineJson.Options);
    }

    private static bool TryReadStart(byte[] body, out JsonElement json)
    {
        try
        {
            json = JsonSerializer.Deserialize<JsonElement>(body);
            return json.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            json = default;
            return false;
        }
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
