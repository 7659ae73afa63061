using Microsoft.AspNetCore.Builder;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>Web chat: the Direct Line 3.0 server, the anonymous token for the built-in page, and the page itself.</summary>
public static class WebChatExtensions
{
    public static IServiceCollection AddWebChat(this IServiceCollection services)
    {
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<StreamHub>();
        services.AddSingleton<DirectLineTurns>();
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
