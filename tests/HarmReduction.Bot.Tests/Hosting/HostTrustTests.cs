using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HarmReduction.Bot.Channels.DirectLine;
using HarmReduction.Bot.Tests.Channels.DirectLine;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Hosting;

/// <summary>What the server believes about where a request comes from (review M7, L4).</summary>
public sealed class HostTrustTests
{
    [Theory]
    [InlineData("", 3)]
    [InlineData("127.0.0.1", 6)]
    public async Task Forwarded_for_counts_only_from_a_configured_proxy(string knownProxies, int issued)
    {
        using var server = new BotServer(new Dictionary<string, string?> { ["WebChat:TokensPerMinute"] = "3", ["ForwardedHeaders:KnownProxies"] = knownProxies });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, AnonymousTokenEndpoint.Path);
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(issued, statuses.Count(s => s == HttpStatusCode.OK));
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:bbbb:cccc:dddd:eeee", "2001:db8:1:2::/64")]
    [InlineData("::ffff:198.51.100.7", "198.51.100.7")]
    [InlineData("198.51.100.7", "198.51.100.7")]
    public void Ipv6_clients_are_counted_by_their_64_network(string address, string key)
    {
        Assert.Equal(key, AnonymousTokenRateLimit.ClientKey(IPAddress.Parse(address)));
    }

    [Fact]
    public async Task A_host_header_outside_allowed_hosts_is_refused()
    {
        using var server = new BotServer();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "attacker.example";

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task With_a_public_url_stream_urls_and_the_page_policy_name_it_not_the_host_header()
    {
        using var server = new BotServer(new Dictionary<string, string?>
        {
            ["PublicUrl"] = "https://chat.example.org",
            ["DirectLine:Secret"] = DirectLineServer.Secret,
            ["AllowedHosts"] = "*",
        });
        using var client = new DirectLineHttp(server.BaseAddress);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Host = "evil.example";

        var (_, _, streamUrl) = await client.StartAsync();
        using var response = await http.SendAsync(page);

        Assert.StartsWith("wss://chat.example.org/v3/directline/conversations/", streamUrl, StringComparison.Ordinal);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("connect-src 'self' wss://chat.example.org;", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_direct_line_secret_shorter_than_32_characters_stops_the_start()
    {
        var error = Assert.ThrowsAny<Exception>(() => new BotServer(new Dictionary<string, string?> { ["DirectLine:Secret"] = "a" }).Dispose());

        Assert.Contains("at least 32 characters", error.ToString(), StringComparison.Ordinal);
    }
}
