using System.Net;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Hosting;

public sealed class ServerTests : IDisposable
{
    private readonly BotServer _server = new();

    [Fact]
    public async Task Server_listens_on_a_loopback_port_and_is_live()
    {
        Assert.True(_server.BaseAddress.IsLoopback, _server.BaseAddress.ToString());
        Assert.NotEqual(0, _server.BaseAddress.Port);
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };

        var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Server_is_ready_when_knowledge_is_loaded_and_state_store_answers_and_names_the_version_served()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };

        var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Healthy", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^knowledge: Healthy \(\d+ entries, version [0-9a-f]{12} loaded \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\)$"));
    }

    public void Dispose() => _server.Dispose();
}
