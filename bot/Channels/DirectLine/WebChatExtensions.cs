using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>Web chat: the Direct Line 3.0 server, the anonymous token for the built-in page, and the page itself.</summary>
public static class WebChatExtensions
{
    public static IServiceCollection AddWebChat(this IServiceCollection services)
    {
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.HasValidSecret, $"DirectLine:Secret must be at least {DirectLineOptions.MinSecretLength} characters (try `openssl rand -base64 32`): it keys every token and transcript.")
            .ValidateOnStart();
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DirectLineTokens>();
        // In-flight web turns get DirectLine:DrainTimeout after SIGTERM; the host must wait at least that long for them.
        services.AddOptions<HostOptions>().Configure<IOptions<DirectLineOptions>>((host, directLine) =>
        {
            var needed = directLine.Value.DrainTimeout + TimeSpan.FromSeconds(5);
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });
        services.AddSingleton<AnonymousTokenBudget>();
        services.AddSingleton<TranscriptProtector>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<StreamHub>();
        services.AddSingleton<OutageTranscripts>();
        services.AddSingleton<PostRateLimit>();
        services.AddSingleton<TurnDrain>();
        services.AddSingleton<DirectLineTurns>();
        services.AddSingleton<Conversation.ConversationGate>();
        services.AddSingleton<WebChatPageText>();

        // Any site may embed Web Chat against this server: access rides on bearer tokens, never on cookies.
        // The official client sends x-ms-bot-agent, and its XHR layer (RxJS ajax) adds X-Requested-With.
        services.AddCors(cors => cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods("GET", "POST", "OPTIONS")
            .WithHeaders("Authorization", "Content-Type", "Accept", "x-ms-bot-agent", "X-Requested-With")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, AnonymousTokenRateLimit>(AnonymousTokenRateLimit.PolicyName));
        return services;
    }

    /// <summary>Maps <c>/v3/directline</c>, <c>/api/directline/token</c> and <c>/</c>, with the middleware they need.</summary>
    public static WebApplication MapWebChat(this WebApplication app)
    {
        app.UseWebSockets();
        app.UseCors();
        app.UseRateLimiter();
        app.MapDirectLine();
        app.MapAnonymousToken();
        app.MapWebChatPage();
        return app;
    }
}
