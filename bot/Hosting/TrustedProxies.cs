using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace HarmReduction.Bot.Hosting;

/// <summary>
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges), space- or
/// comma-separated: only a request from one of them may say, in <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, who
/// the client is and whether it came over TLS (review M7). The Host is never taken from a header (<c>PublicUrl</c>).
/// Unset: forwarded headers are ignored.
/// </summary>
public static partial class TrustedProxies
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Split(configuration[$"{Section}:KnownProxies"]).Select(IPAddress.Parse).ToList();
        var networks = Split(configuration[$"{Section}:KnownNetworks"]).Select(System.Net.IPNetwork.Parse).ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return services;
    }

    /// <summary>Reads forwarded headers from the configured proxies only; warns when the framework's trust-everyone switch is on.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TrustedProxies));
        if (string.Equals(app.Configuration["FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            LogTrustEveryone(logger);
        }

        if (Split(app.Configuration[$"{Section}:KnownProxies"]).Any() || Split(app.Configuration[$"{Section}:KnownNetworks"]).Any())
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static IEnumerable<string> Split(string? value) =>
        (value ?? string.Empty).Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ASPNETCORE_FORWARDEDHEADERS_ENABLED=true trusts X-Forwarded-For from anyone, so rate limits can be dodged; set ForwardedHeaders:KnownProxies instead.")]
    private static partial void LogTrustEveryone(ILogger logger);
}
