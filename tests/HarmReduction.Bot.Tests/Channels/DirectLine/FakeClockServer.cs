using HarmReduction.Bot.Tests.Harness;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HarmReduction.Bot.Tests.Channels.DirectLine;

/// <summary>
/// The real server on loopback whose clock the test moves (token expiry, keep-alives, state expiry), instead of waiting.
/// The clock starts at the real time, so the knowledge's review dates stay in the past.
/// </summary>
public sealed class FakeClockServer : WebApplicationFactory<Program>
{
    public FakeClockServer()
    {
        UseKestrel(0);
        StartServer();
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Knowledge:Path", RepoPaths.Knowledge);
        builder.UseSetting("DirectLine:Secret", DirectLineServer.Secret);
        builder.UseSetting("State:Ttl", "02:00:00");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
