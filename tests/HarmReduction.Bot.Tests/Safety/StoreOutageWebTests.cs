using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HarmReduction.Bot.Tests.Channels.DirectLine;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>Web chat with the state store stopped or paused (review H3, M4): an emergency still gets the overdose steps.</summary>
public sealed class StoreOutageWebTests : IAsyncLifetime, IDisposable
{
    private readonly RedisServer _redis = new();
    private readonly BotServer _server;
    private readonly DirectLineHttp _client;

    public StoreOutageWebTests()
    {
        _server = new BotServer(new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = DirectLineServer.Secret,
            ["State:Provider"] = "Redis",
            ["State:Redis:Configuration"] = _redis.Configuration + ",connectTimeout=500,asyncTimeout=3000,syncTimeout=3000",
            ["WebChat:TokensPerMinute"] = "1000",
        });
        _client = new DirectLineHttp(_server.BaseAddress);
    }

    public Task InitializeAsync() => _server.WaitUntilReadyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task With_the_store_stopped_a_polling_client_gets_the_overdose_steps()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        _redis.Stop();

        await _client.PostMessageAsync(conversationId, token, "my friend is not breathing");
        var texts = await _client.BotTextsAsync(conversationId, token);

        Assert.Contains(texts, t => t.Contains("911", StringComparison.Ordinal) && t.Contains("naloxone", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task With_the_store_stopped_an_open_stream_gets_the_overdose_steps()
    {
        var (conversationId, token, streamUrl) = await _client.StartAsync();
        using var stream = await StreamClient.ConnectAsync(streamUrl);
        _redis.Stop();

        await _client.PostMessageAsync(conversationId, token, "my friend is not breathing");
        var activities = await stream.ActivitiesUntilAsync(a => a.GetProperty("from").GetProperty("role").GetString() == "bot" && a.GetProperty("type").GetString() == "message");

        Assert.Contains(activities, a => a.TryGetProperty("text", out var text) && text.GetString()!.Contains("911", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_store_paused_an_emergency_post_is_answered_before_the_pause_ends()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        using var admin = _redis.Admin();
        await admin.GetServers()[0].ExecuteAsync("CLIENT", "PAUSE", "30000", "ALL");
        using var patient = new HttpClient { BaseAddress = _server.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

        using var post = await Send(patient, HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
            """{"type":"message","text":"my friend is not breathing"}""");
        using var get = await Send(patient, HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark=", token);
        var texts = (await get.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activities").EnumerateArray()
            .Where(a => a.GetProperty("from").GetProperty("role").GetString() == "bot").Select(a => a.GetProperty("text").GetString()!).ToList();

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains(texts, t => t.Contains("911", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_emergency_answered_while_the_store_was_slow_is_still_shown_once_it_answers_again()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        using var admin = _redis.Admin();
        await admin.GetServers()[0].ExecuteAsync("CLIENT", "PAUSE", "2000", "ALL");

        await _client.PostMessageAsync(conversationId, token, "my friend is not breathing");
        await admin.GetDatabase().PingAsync();
        var polled = await _client.BotTextsAsync(conversationId, token);
        var reconnected = await _client.GetJsonAsync($"/v3/directline/conversations/{conversationId}?watermark=", token);
        using var stream = await StreamClient.ConnectAsync(reconnected.GetProperty("streamUrl").GetString()!);
        var streamed = await stream.ActivitiesUntilAsync(a => a.GetProperty("from").GetProperty("role").GetString() == "bot" && a.GetProperty("type").GetString() == "message");

        Assert.Contains(polled, t => t.Contains("911", StringComparison.Ordinal) && t.Contains("naloxone", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(streamed, a => a.TryGetProperty("text", out var text) && text.GetString()!.Contains("911", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_store_stopped_an_ordinary_question_gets_a_short_notice_not_an_error()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        _redis.Stop();

        await _client.PostMessageAsync(conversationId, token, "where can i get naloxone");
        var texts = await _client.BotTextsAsync(conversationId, token);

        Assert.Contains(texts, t => t.Contains("can't answer right now", StringComparison.Ordinal) && t.Contains("911", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_noncharacter_in_a_web_emergency_is_cleaned_away_before_the_safety_check()
    {
        var (conversationId, token, _) = await _client.StartAsync();

        await _client.PostMessageAsync(conversationId, token, "he is not breathing\uFFFE");
        var texts = await _client.BotTextsAsync(conversationId, token);

        Assert.Contains(texts, t => t.Contains("911", StringComparison.Ordinal) && t.Contains("naloxone", StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
        _redis.Dispose();
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string token, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return http.SendAsync(request);
    }
}
