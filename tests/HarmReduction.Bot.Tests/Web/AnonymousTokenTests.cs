using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HarmReduction.Bot.Tests.Channels.DirectLine;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Web;

/// <summary>
/// <c>POST /api/directline/token</c> on a server with no secret at all (the default <c>dotnet run</c>): the page's
/// anonymous token works, other sites cannot take one, and <c>tokens/generate</c> stays closed.
/// </summary>
public sealed class AnonymousTokenTests(AnonymousTokenTests.NoSecretServer fixture) : IClassFixture<AnonymousTokenTests.NoSecretServer>, IDisposable
{
    private readonly BotServer _server = fixture.Server;
    private readonly DirectLineHttp _client = new(fixture.Server.BaseAddress);

    [Fact]
    public async Task Conversation_started_with_an_anonymous_token_answers_a_naloxone_question()
    {
        var (conversationId, token, _) = await _client.StartAsync();

        var id = await _client.PostMessageAsync(conversationId, token, "where can i get naloxone for free");

        var reply = (await _client.GetActivitiesAsync(conversationId, token)).GetProperty("activities").EnumerateArray()
            .Single(a => a.TryGetProperty("replyToId", out var r) && r.GetString() == id);
        Assert.Contains("naloxone", reply.GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Turn on webchat: answer naloxone-", _server.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_token_asks_nothing_and_sets_no_cookie()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("dl_", DirectLineProtocolTests.UserOf(body.GetProperty("token").GetString()!), StringComparison.Ordinal);
        Assert.Equal(1800, body.GetProperty("expires_in").GetInt32());
    }

    [Theory]
    [InlineData("Origin", "https://another-site.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData(null, null)]
    public async Task Anonymous_token_is_refused_to_other_sites(string? header, string? value)
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
        if (header is not null)
        {
            request.Headers.Add(header, value);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Forbidden", await DirectLineHttp.ErrorCodeAsync(response));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Generate_is_closed_when_no_secret_is_configured()
    {
        var (_, token, _) = await _client.StartAsync();

        using var anything = await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", "any-guess");
        using var empty = await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", " ");
        using var withToken = await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", token);

        Assert.Equal(HttpStatusCode.Forbidden, anything.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withToken.StatusCode);
    }

    [Fact]
    public async Task Anonymous_tokens_are_rate_limited_per_client()
    {
        using var server = new BotServer(new Dictionary<string, string?> { ["WebChat:TokensPerMinute"] = "3" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            last = await http.SendAsync(request);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("TooManyRequests", await DirectLineHttp.ErrorCodeAsync(last!));
        Assert.True(last!.Headers.Contains("Retry-After"));
        last.Dispose();
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The server as <c>dotnet run</c> starts it: no Direct Line secret.</summary>
    public sealed class NoSecretServer : IDisposable
    {
        public BotServer Server { get; } = new(new Dictionary<string, string?> { ["WebChat:TokensPerMinute"] = "1000" });

        public void Dispose() => Server.Dispose();
    }
}
