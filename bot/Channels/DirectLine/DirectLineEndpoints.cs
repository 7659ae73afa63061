using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>Direct Line 3.0 under <c>/v3/directline</c>: tokens, conversations, activities and the WebSocket stream.</summary>
public static partial class DirectLineEndpoints
{
    public const string BasePath = "/v3/directline";
    public const string CorsPolicy = "directline";

    public static RouteGroupBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(BasePath).RequireCors(CorsPolicy).AddEndpointFilter<ServiceFaultFilter>()
            .AddEndpointFilter(static async (context, next) =>
            {
                // Transcripts and tokens: nothing here may sit in a browser's or a proxy's cache.
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });
        group.MapPost("/tokens/generate", GenerateTokenAsync);
        group.MapPost("/tokens/refresh", RefreshToken);
        group.MapPost("/conversations", StartConversationAsync);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.MapPost("/conversations/{conversationId}/upload", DirectLineUpload.UploadAsync);
        group.MapGet("/conversations/{conversationId}/stream", StreamAsync);
        group.MapGet("/session/getsessionid", SessionId);
        return group;
    }

    /// <summary>A new conversation id: 128 random bits, URL-safe.</summary>
    public static string NewConversationId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>A server-chosen user id; the <c>dl_</c> prefix marks ids that only a token can carry.</summary>
    public static string NewUserId() => "dl_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    private static async Task<IResult> GenerateTokenAsync(HttpRequest request, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        var (caller, error) = DirectLineCaller.Authenticate(request, tokens);
        if (error is not null)
        {
            return error;
        }

        if (!caller!.IsSecret)
        {
            return ErrorResponse.Result(StatusCodes.Status403Forbidden, ErrorResponse.Forbidden, "tokens/generate takes the Direct Line secret.");
        }

        var body = await ReadJsonAsync(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        // A site's backend may choose the user id, as with Azure's Direct Line; only dl_ ids, which no client can forge.
        var userId = body.Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("user", out var user)
            && user.ValueKind == JsonValueKind.Object && user.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            && UserIdPattern().IsMatch(id.GetString()!)
                ? id.GetString()!
                : NewUserId();
        var token = tokens.Issue(NewConversationId(), userId);
        return Results.Json(new ConversationResponse(token.ConversationId, token.Token, token.ExpiresIn), DirectLineJson.Options);
    }

    private static IResult RefreshToken(HttpRequest request, DirectLineTokens tokens)
    {
        var (caller, error) = DirectLineCaller.Authenticate(request, tokens);
        if (error is not null)
        {
            return error;
        }

        if (caller!.Token is not { } current)
        {
            return ErrorResponse.Result(StatusCodes.Status403Forbidden, ErrorResponse.Forbidden, "tokens/refresh takes a token, not the secret.");
        }

        var token = tokens.Issue(current.ConversationId, current.UserId);
        return Results.Json(new ConversationResponse(token.ConversationId, token.Token, token.ExpiresIn), DirectLineJson.Options);
    }

    private static async Task<IResult> StartConversationAsync(HttpRequest request, DirectLineTokens tokens, ConversationStore store, IOptions<PublicUrlOptions> publicUrl, CancellationToken cancellationToken)
    {
        var (caller, error) = DirectLineCaller.Authenticate(request, tokens);
        if (error is not null)
        {
            return error;
        }

        var body = await ReadJsonAsync(request, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        // With the secret, every start is a new conversation; a token names its own, which may already be started.
        var conversationId = caller!.Token?.ConversationId ?? NewConversationId();
        var userId = caller.Token?.UserId ?? NewUserId();
        var created = await store.TryCreateAsync(conversationId, userId, Locale(body.Json), cancellationToken);
        var (token, expiresIn) = caller.Token is { } current
            ? (caller.Bearer, tokens.SecondsLeft(current))
            : Fresh(tokens.Issue(conversationId, userId));
        var response = new ConversationResponse(conversationId, token, expiresIn, StreamUrl(request, publicUrl.Value, conversationId, token, watermark: 0));
        return Results.Json(response, DirectLineJson.Options, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ReconnectAsync(string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, ConversationStore store, IOptions<PublicUrlOptions> publicUrl, CancellationToken cancellationToken)
    {
        var (conversation, error) = await FindAsync(conversationId, request, tokens, store, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        // Without a watermark the stream carries only what comes after the reconnect; with one, it replays from there.
        long? from = request.Query.ContainsKey("watermark") ? ParseWatermark(watermark) : conversation!.LastSequence;
        if (from is null)
        {
            return BadWatermark();
        }

        var token = tokens.Issue(conversation!.Id, conversation.UserId);
        return Results.Json(
            new ConversationResponse(conversation.Id, token.Token, token.ExpiresIn, StreamUrl(request, publicUrl.Value, conversation.Id, token.Token, from.Value)),
            DirectLineJson.Options);
    }

    private static async Task<IResult> GetActivitiesAsync(
        string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, ConversationStore store, OutageTranscripts outage, CancellationToken cancellationToken)
    {
        var (caller, error) = DirectLineCaller.Authenticate(request, tokens);
        if (error is not null)
        {
            return error;
        }

        if (!caller!.MayUse(conversationId))
        {
            return DirectLineCaller.WrongConversation();
        }

        if (ParseWatermark(watermark) is not { } from)
        {
            return BadWatermark();
        }

        DirectLineConversation? conversation;
        try
        {
            conversation = await store.GetAsync(conversationId, cancellationToken, after: from);
        }
        catch (Exception e) when (StoreFault.Is(e, cancellationToken) && caller.Token is not null)
        {
            // The store is down: what this instance answered meanwhile (an emergency reply above all), watermark unmoved.
            return Results.Json(new ActivitySet(outage.Get(conversationId), from.ToString(CultureInfo.InvariantCulture)), DirectLineJson.Options);
        }

        if (conversation is null)
        {
            return ConversationNotFound();
        }

        // A reply given while the store was slow or down lives only in this instance's memory: it is still shown once
        // the store answers again (clients drop repeats by id), in the order things happened.
        var activities = conversation.After(from);
        if (outage.Get(conversationId) is { Count: > 0 } answeredWithoutStore)
        {
            activities = [.. activities.Concat(answeredWithoutStore).OrderBy(a => a.Timestamp)];
        }

        var set = new ActivitySet(activities, conversation.LastSequence.ToString(CultureInfo.InvariantCulture));
        return Results.Json(set, DirectLineJson.Options);
    }

    private static async Task<IResult> PostActivityAsync(
        string conversationId, HttpRequest request, DirectLineTokens tokens, DirectLineTurns turns, PostRateLimit rateLimit,
        IOptions<DirectLineOptions> options, IOptions<PublicUrlOptions> publicUrl, CancellationToken cancellationToken)
    {
        var (caller, error) = DirectLineCaller.Authenticate(request, tokens);
        if (error is not null)
        {
            return error;
        }

        if (!caller!.MayUse(conversationId))
        {
            return DirectLineCaller.WrongConversation();
        }

        var limits = options.Value;
        var body = await RequestBody.ReadAsync(request, limits.MaxActivityBytes, cancellationToken);
        if (body is null)
        {
            return RequestBody.TooLarge(limits.MaxActivityBytes);
        }

        Activity activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, DirectLineJson.Options) ?? throw new JsonException("null");
        }
        catch (JsonException)
        {
            return ErrorResponse.Result(StatusCodes.Status400BadRequest, ErrorResponse.BadArgument, "The body must be one Activity as JSON, with a type.");
        }

        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return ErrorResponse.Result(StatusCodes.Status400BadRequest, ErrorResponse.BadArgument, "The activity needs a type.");
        }

        if (StoredActivity.Oversized(activity, limits) is { } tooLarge)
        {
            return ErrorResponse.Result(StatusCodes.Status413PayloadTooLarge, ErrorResponse.RequestTooLarge, tooLarge);
        }

        // Typing is neither stored nor answered, so it costs nothing to let through; everything else counts.
        if (activity.Type != ActivityTypes.Typing && !rateLimit.TryAcquire(conversationId))
        {
            request.HttpContext.Response.Headers.RetryAfter = "10";
            return ErrorResponse.Result(StatusCodes.Status429TooManyRequests, ErrorResponse.TooManyRequests, "Too many messages in this conversation; wait a moment.");
        }

        var outcome = await turns.PostAsync(conversationId, caller, activity, ServiceUrl(request, publicUrl.Value));
        return outcome.Status switch
        {
            PostStatus.Posted => Results.Json(new ResourceResponse(outcome.ActivityId!), DirectLineJson.Options),
            PostStatus.ConversationFull => ErrorResponse.Result(StatusCodes.Status429TooManyRequests, ErrorResponse.TooManyRequests, "This conversation is full; start a new one."),
            _ => ConversationNotFound(),
        };
    }

    private static async Task<IResult> StreamAsync(
        string conversationId, [FromQuery(Name = "t")] string? token, string? watermark, HttpContext http,
        DirectLineTokens tokens, ConversationStore store, StreamHub hub, OutageTranscripts outage, TimeProvider time, IHostApplicationLifetime lifetime)
    {
        // Browsers cannot set headers on a WebSocket, so the stream URL carries its own token.
        var check = string.IsNullOrEmpty(token) ? TokenCheck.Invalid : tokens.Check(token);
        if (check.Status != TokenStatus.Valid)
        {
            return DirectLineCaller.Refusal(check);
        }

        if (!string.Equals(check.ConversationId, conversationId, StringComparison.Ordinal))
        {
            return DirectLineCaller.WrongConversation();
        }

        if (!http.WebSockets.IsWebSocketRequest)
        {
            return ErrorResponse.Result(StatusCodes.Status400BadRequest, ErrorResponse.BadArgument, "The stream is a WebSocket.");
        }

        if (ParseWatermark(watermark) is not { } from)
        {
            return BadWatermark();
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        if (await store.GetAsync(conversationId, stopping.Token) is null)
        {
            return ConversationNotFound();
        }

        var session = new StreamSession(conversationId, from, store, time);
        if (!hub.TryAdd(session, out var evicted))
        {
            return ErrorResponse.Result(StatusCodes.Status429TooManyRequests, ErrorResponse.TooManyRequests, "Too many open streams; poll for activities instead.");
        }

        evicted?.Evict();
        if (outage.Get(conversationId) is { Count: > 0 } answeredWithoutStore)
        {
            session.PushUnstored(answeredWithoutStore);
        }

        try
        {
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            await session.RunAsync(socket, stopping.Token);
        }
        finally
        {
            hub.Remove(session);
        }

        return Results.Empty;
    }

    private static IResult SessionId(HttpRequest request, DirectLineTokens tokens)
    {
        var (_, error) = DirectLineCaller.Authenticate(request, tokens);
        return error ?? Results.Json(new { sessionId = string.Empty });
    }

    private static async Task<(DirectLineConversation? Conversation, IResult? Error)> FindAsync(
        string conversationId, HttpRequest request, DirectLineTokens tokens, ConversationStore store, CancellationToken cancellationToken)
    {
        var (caller, error) = DirectLineCaller.Authenticate(request, tokens);
        if (error is not null)
        {
            return (null, error);
        }

        if (!caller!.MayUse(conversationId))
        {
            return (null, DirectLineCaller.WrongConversation());
        }

        var conversation = await store.GetAsync(conversationId, cancellationToken);
        return conversation is null ? (null, ConversationNotFound()) : (conversation, null);
    }

    private static async Task<(JsonElement? Json, IResult? Error)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, RequestBody.MaxBytes, cancellationToken);
        if (body is null)
        {
            return (null, RequestBody.TooLarge());
        }

        if (body.Length == 0)
        {
            return (null, null);
        }

        try
        {
            return (JsonSerializer.Deserialize<JsonElement>(body), null);
        }
        catch (JsonException)
        {
            return (null, ErrorResponse.Result(StatusCodes.Status400BadRequest, ErrorResponse.BadArgument, "The body is not valid JSON."));
        }
    }

    internal static string? Locale(JsonElement? body) =>
        body is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("locale", out var locale) && locale.ValueKind == JsonValueKind.String
            && LocalePattern().IsMatch(locale.GetString()!)
            ? locale.GetString()
            : null;

    /// <summary>An empty watermark means "from the start"; null means it is not a watermark.</summary>
    private static long? ParseWatermark(string? watermark) =>
        string.IsNullOrEmpty(watermark) ? 0
        : long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : null;

    private static (string Token, int ExpiresIn) Fresh(IssuedToken token) => (token.Token, token.ExpiresIn);

    /// <summary>This server as clients reach it: <c>PublicUrl</c> when set, else the request's scheme and (allowed) host.</summary>
    private static string Origin(HttpRequest request, PublicUrlOptions publicUrl, bool socket)
    {
        if (publicUrl.Uri is { } configured)
        {
            var scheme = configured.Scheme == Uri.UriSchemeHttps ? (socket ? "wss" : "https") : (socket ? "ws" : "http");
            return $"{scheme}://{configured.Authority}";
        }

        return $"{(socket ? (request.IsHttps ? "wss" : "ws") : request.Scheme)}://{request.Host}{request.PathBase}";
    }

    internal static string ServiceUrl(HttpRequest request, PublicUrlOptions publicUrl) => $"{Origin(request, publicUrl, socket: false)}{BasePath}";

    /// <summary>The stream lives on this server (wss behind https).</summary>
    internal static string StreamUrl(HttpRequest request, PublicUrlOptions publicUrl, string conversationId, string token, long watermark)
    {
        var url = $"{Origin(request, publicUrl, socket: true)}{BasePath}/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(token)}";
        return watermark > 0 ? url + "&watermark=" + watermark.ToString(CultureInfo.InvariantCulture) : url;
    }

    private static IResult ConversationNotFound() =>
        ErrorResponse.Result(StatusCodes.Status404NotFound, ErrorResponse.NotFound, "No such conversation; it may have expired.");

    private static IResult BadWatermark() =>
        ErrorResponse.Result(StatusCodes.Status400BadRequest, ErrorResponse.BadArgument, "The watermark is not one this server gave.");

    [GeneratedRegex("^dl_[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex UserIdPattern();

    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$")]
    private static partial Regex LocalePattern();
}
