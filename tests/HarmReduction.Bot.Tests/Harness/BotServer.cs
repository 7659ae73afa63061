using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HarmReduction.Bot.Tests.Harness;

/// <summary>
/// The real server on a free loopback port (Kestrel, not the in-memory test server), so browsers, npm clients and
/// plain HTTP clients talk to it exactly as they would in production. Settings override appsettings.json.
/// </summary>
public sealed class BotServer : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Replaces services after the app's own registrations (a store that fails on cue, say).</param>
    public BotServer(IReadOnlyDictionary<string, string?>? settings = null, string environment = "Production", Action<IServiceCollection>? services = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
        Environment = environment;
        UseKestrel(0);
        StartServer();
    }

    public string Environment { get; }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    public CapturedLogs Logs { get; } = new();

    /// <summary>
    /// Waits until <c>/readyz</c> says ready (knowledge loaded, state store reachable), as a load balancer would before
    /// sending traffic: on a busy machine a fresh store's first connection can take longer than the start-up wait.
    /// </summary>
    public async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"/readyz still says {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(250);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Knowledge:Path", RepoPaths.Knowledge);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }
}
