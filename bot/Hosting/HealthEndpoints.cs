using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Knowledge;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HarmReduction.Bot.Hosting;

public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddBotHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<KnowledgeHealthCheck>("knowledge", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("state-store", tags: [ReadyTag])
            .AddCheck<WarmupHealthCheck>("warm-up", tags: [ReadyTag]);
        services.AddSingleton<StorageWarmup>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageWarmup>());
        return services;
    }

    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: knowledge loaded and the state store reachable.</summary>
    public static IEndpointRouteBuilder MapBotHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteReadiness });
        return endpoints;
    }

    /// <summary>The overall status, then one line per check (knowledge version, store, warm-up): never anything about a person.</summary>
    private static Task WriteReadiness(Microsoft.AspNetCore.Http.HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var lines = report.Entries.Select(e => $"{e.Key}: {e.Value.Status}{(string.IsNullOrEmpty(e.Value.Description) ? string.Empty : " (" + e.Value.Description + ")")}");
        return Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(http.Response, $"{report.Status}\n{string.Join("\n", lines)}\n");
    }

    /// <summary>
    /// Healthy while the knowledge on disk is what is served; Degraded while a refused edit is pending (the last good
    /// version still answers, so the instance stays in rotation: Degraded is 200), with the refusal's <c>file:line:col</c>.
    /// </summary>
    private sealed class KnowledgeHealthCheck(KnowledgeProvider knowledge) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!knowledge.IsLoaded)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("knowledge not loaded"));
            }

            var served = KnowledgeStatusText.Serving(knowledge) + (knowledge.Watch && !knowledge.IsWatching ? ", folder not watched (missing)" : string.Empty);
            return Task.FromResult(knowledge.Status.Refused is { } refused
                ? HealthCheckResult.Degraded($"{served}; {refused.Summary}")
                : HealthCheckResult.Healthy(served));
        }
    }

    private sealed class WarmupHealthCheck(StorageWarmup warmup) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(warmup.IsDone ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("warming up"));
    }

    private sealed class StorageHealthCheck(IStorage storage) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await storage.PingAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("state store unreachable");
    }
}
