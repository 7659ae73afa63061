using HarmReduction.Bot.Hosting;
using HarmReduction.Bot.Privacy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.Sms;

public static partial class SmsEndpoints
{
    public const string Path = "/api/sms";

    /// <summary>The keyword middleware's parts; the engine registers them, since every SMS channel (the CLI's too) needs them.</summary>
    public static IServiceCollection AddSmsKeywords(this IServiceCollection services)
    {
        services.AddOptions<SmsKeywordOptions>().BindConfiguration(SmsKeywordOptions.Section);
        services.AddSingleton<OptOutStore>();
        services.AddHostedService<OptOutFlusher>();
        services.AddSingleton<SmsKeywordMiddleware>();
        return services;
    }

    /// <summary>The Twilio webhook: <c>Sms:Twilio:*</c>, the pseudonymizer and the reply cache.</summary>
    public static IServiceCollection AddSmsChannel(this IServiceCollection services)
    {
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.HasValidWebhookUrl, "Sms:Twilio:WebhookUrl must be an absolute http(s) URL: the one configured on the Twilio number.")
            .ValidateOnStart();
        services.AddPrivacy();
        services.AddSingleton<ReplyCache>();
        services.AddSingleton<SmsWebhook>();
        return services;
    }

    /// <summary>
    /// <c>POST /api/sms</c>. Without <c>Sms:Twilio:AuthToken</c> the endpoint does not exist outside Development, where it
    /// takes unsigned requests so the bot can be tried with curl; both cases are logged at start-up.
    /// </summary>
    public static IEndpointRouteBuilder MapSms(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<IOptions<TwilioOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SmsEndpoints));
        var development = services.GetRequiredService<IHostEnvironment>().IsDevelopment();
        if (!options.HasAuthToken && !development)
        {
            LogOff(logger);
            return endpoints;
        }

        if (!options.HasAuthToken)
        {
            LogUnsigned(logger);
        }

        // Created now, so a missing Privacy:HashKey is reported at start-up rather than on the first text.
        services.GetRequiredService<Pseudonymizer>();
        endpoints.MapPost(Path, HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, SmsWebhook webhook, IOptions<TwilioOptions> options, IOptions<PublicUrlOptions> publicUrl, ILoggerFactory loggers)
    {
        var request = context.Request;
        var settings = options.Value;
        if (!request.HasFormContentType || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        // Twilio's posts are a few KB. The body is read up to the limit, and no further, before anything else (review M5).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = settings.MaxBodyBytes;
        }

        byte[]? body;
        try
        {
            body = await Channels.DirectLine.RequestBody.ReadAsync(request, settings.MaxBodyBytes, context.RequestAborted);
        }
        catch (BadHttpRequestException)
        {
            body = null;
        }

        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (await TwilioForm.ParseAsync(body) is not { } form)
        {
            return Results.BadRequest();
        }

        if (settings.HasAuthToken)
        {
            var url = SignedUrl(request, settings.WebhookUrl, publicUrl.Value);
            if (!TwilioSignature.IsValid(settings.AuthToken!, request.Headers["X-Twilio-Signature"].ToString(), url, form))
            {
                LogForged(loggers.CreateLogger(typeof(SmsEndpoints)), request.Headers.ContainsKey("X-Twilio-Signature") ? "wrong" : "missing");
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
        }

        if (TwilioMessage.FromFields(form) is not { } message)
        {
            return Results.BadRequest();
        }

        var twiml = await webhook.AnswerAsync(message, context.RequestAborted);
        return Results.Text(twiml, Twiml.ContentType, System.Text.Encoding.UTF8);
    }

    /// <summary>
    /// The URL Twilio signed: <c>Sms:Twilio:WebhookUrl</c> when set (the request's query string added if it has none), else
    /// <c>PublicUrl</c> with the path and query exactly as they arrived, else the request's own URL.
    /// </summary>
    internal static string SignedUrl(HttpRequest request, string? webhookUrl, PublicUrlOptions? publicUrl = null)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var target = rawTarget is { Length: > 0 } && rawTarget[0] == '/' ? rawTarget : $"{request.PathBase}{request.Path}{request.QueryString}";
        if (!string.IsNullOrWhiteSpace(webhookUrl))
        {
            var query = target.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? target[q..] : string.Empty;
            return webhookUrl.Contains('?', StringComparison.Ordinal) ? webhookUrl : webhookUrl + query;
        }

        if (publicUrl?.Uri is { } configured)
        {
            return $"{configured.Scheme}://{configured.Authority}{target}";
        }

        return $"{request.Scheme}://{request.Host}{target}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS is off: Sms:Twilio:AuthToken is not set, so /api/sms could not tell Twilio from anyone else. Web chat is unaffected.")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sms:Twilio:AuthToken is not set: /api/sms accepts UNSIGNED requests (Development only). Set the token before exposing this server.")]
    private static partial void LogUnsigned(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to /api/sms: {Problem} X-Twilio-Signature.")]
    private static partial void LogForged(ILogger logger, string problem);
}
