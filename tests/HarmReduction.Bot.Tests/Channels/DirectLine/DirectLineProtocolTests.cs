using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Channels.DirectLine;

/// <summary>Direct Line 3.0 over plain HTTP: tokens, conversations, activities, watermarks and the error shapes.</summary>
public sealed class DirectLineProtocolTests(DirectLineServer fixture) : IClassFixture<DirectLineServer>, IDisposable
{
    private readonly DirectLineHttp _client = new(fixture.BaseAddress);

    [Fact]
    public async Task Generate_with_the_secret_returns_a_token_for_a_new_conversation()
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineServer.Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("conversationId").GetString()));
        Assert.Equal(1800, body.GetProperty("expires_in").GetInt32());
        Assert.False(body.TryGetProperty("streamUrl", out _));
        Assert.StartsWith("dl_", UserOf(body.GetProperty("token").GetString()!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_keeps_a_dl_user_id_chosen_by_the_sites_backend()
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", DirectLineServer.Secret, """{"user":{"id":"dl_site-visitor-7"}}""");

        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        Assert.Equal("dl_site-visitor-7", UserOf(token));
    }

    [Fact]
    public async Task Generate_is_refused_without_the_secret()
    {
        var (_, token, _) = await _client.StartAsync();

        using var missing = await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", bearer: null);
        using var wrong = await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", "not-the-secret");
        using var withToken = await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", token);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Unauthorized", await DirectLineHttp.ErrorCodeAsync(missing));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withToken.StatusCode);
    }

    [Fact]
    public async Task Start_returns_201_then_200_for_the_same_tokens_conversation()
    {
        var token = (await _client.AnonymousTokenAsync()).GetProperty("token").GetString()!;

        using var first = await _client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token, """{"user":{"id":"ignored"},"locale":"en-US"}""");
        using var second = await _client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var started = await first.Content.ReadFromJsonAsync<JsonElement>();
        var again = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(started.GetProperty("conversationId").GetString(), again.GetProperty("conversationId").GetString());
        var streamUrl = new Uri(started.GetProperty("streamUrl").GetString()!);
        Assert.Equal("ws", streamUrl.Scheme);
        Assert.Equal(fixture.BaseAddress.Authority, streamUrl.Authority);
        Assert.InRange(started.GetProperty("expires_in").GetInt32(), 1, 1800);
    }

    [Fact]
    public async Task Start_with_the_secret_opens_a_new_conversation_each_time()
    {
        using var first = await _client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", DirectLineServer.Secret);
        using var second = await _client.SendAsync(HttpMethod.Post, "/v3/directline/conversations", DirectLineServer.Secret);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.NotEqual(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString(),
            (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString());
    }

    [Fact]
    public async Task Posted_activity_is_echoed_with_a_server_id_and_its_client_activity_id_then_answered()
    {
        var (conversationId, token, _) = await _client.StartAsync();

        var id = await _client.PostMessageAsync(conversationId, token, "where can i get narcan for free", clientActivityId: "client-42");

        var activities = (await _client.GetActivitiesAsync(conversationId, token)).GetProperty("activities").EnumerateArray().ToList();
        var echo = Assert.Single(activities, a => a.GetProperty("id").GetString() == id);
        Assert.StartsWith(conversationId + "|", id, StringComparison.Ordinal);
        Assert.Equal("client-42", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal(UserOf(token), echo.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal("user", echo.GetProperty("from").GetProperty("role").GetString());
        Assert.False(echo.GetProperty("from").TryGetProperty("name", out _));
        var reply = Assert.Single(activities, a => a.TryGetProperty("replyToId", out var r) && r.GetString() == id);
        Assert.Equal("bot", reply.GetProperty("from").GetProperty("role").GetString());
        Assert.Equal("markdown", reply.GetProperty("textFormat").GetString());
        Assert.Contains("naloxone", reply.GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(reply.GetProperty("suggestedActions").GetProperty("actions").EnumerateArray());
    }

    [Fact]
    public async Task Join_event_is_answered_with_the_welcome()
    {
        var (conversationId, token, _) = await _client.StartAsync();

        using var posted = await _client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
            """{"type":"event","name":"webchat/join","value":{"language":"en-US"}}""");

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var texts = (await _client.GetActivitiesAsync(conversationId, token)).GetProperty("activities").EnumerateArray()
            .Where(a => a.GetProperty("type").GetString() == "message").Select(a => a.GetProperty("text").GetString()).ToList();
        Assert.Contains(texts, t => t!.Contains("anonymous", StringComparison.Ordinal) && t.Contains("emergency", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watermark_replays_only_what_came_after_it()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        var id = await _client.PostMessageAsync(conversationId, token, "what is fentanyl");

        var all = await _client.GetActivitiesAsync(conversationId, token);
        var afterEcho = await _client.GetActivitiesAsync(conversationId, token, id.Split('|')[1].TrimStart('0'));
        var afterAll = await _client.GetActivitiesAsync(conversationId, token, all.GetProperty("watermark").GetString()!);

        var total = all.GetProperty("activities").GetArrayLength();
        Assert.True(total >= 2);
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), all.GetProperty("watermark").GetString());
        Assert.Equal(total - 1, afterEcho.GetProperty("activities").GetArrayLength());
        Assert.DoesNotContain(afterEcho.GetProperty("activities").EnumerateArray(), a => a.GetProperty("id").GetString() == id);
        Assert.Equal(0, afterAll.GetProperty("activities").GetArrayLength());
        Assert.Equal(all.GetProperty("watermark").GetString(), afterAll.GetProperty("watermark").GetString());
    }

    [Fact]
    public async Task Reconnect_gives_a_fresh_token_and_a_stream_url_that_resumes_at_the_watermark()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        await _client.PostMessageAsync(conversationId, token, "what is fentanyl");

        using var withWatermark = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark=1", token);
        using var without = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}", token);

        Assert.Equal(HttpStatusCode.OK, withWatermark.StatusCode);
        var resumed = await withWatermark.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("watermark=1", resumed.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(conversationId, resumed.GetProperty("conversationId").GetString());
        var fresh = resumed.GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", fresh)).StatusCode);
        var latest = (await _client.GetActivitiesAsync(conversationId, token)).GetProperty("watermark").GetString();
        Assert.Contains($"watermark={latest}", (await without.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_gives_a_new_token_for_the_same_conversation()
    {
        var (conversationId, token, _) = await _client.StartAsync();

        using var refreshed = await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var body = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(conversationId, body.GetProperty("conversationId").GetString());
        Assert.Equal(UserOf(token), UserOf(body.GetProperty("token").GetString()!));
    }

    [Fact]
    public async Task Token_for_another_conversation_is_refused_with_403()
    {
        var (mine, myToken, _) = await _client.StartAsync();
        var (theirs, _, _) = await _client.StartAsync();

        using var read = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{theirs}/activities", myToken);
        using var write = await _client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{theirs}/activities", myToken, """{"type":"message","text":"hi"}""");
        using var reconnect = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{theirs}", myToken);

        Assert.All([read, write, reconnect], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal("Forbidden", await DirectLineHttp.ErrorCodeAsync(write));
        Assert.Equal(0, (await _client.GetActivitiesAsync(theirs, DirectLineServer.Secret)).GetProperty("activities").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{mine}/activities", myToken)).StatusCode);
    }

    [Fact]
    public async Task Forged_token_is_refused_with_403()
    {
        var (mine, token, _) = await _client.StartAsync();
        var (theirs, _, _) = await _client.StartAsync();
        var parts = token.Split('.');
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64Url(parts[1]))!;
        claims["conv"] = JsonSerializer.SerializeToElement(theirs);
        var otherConversation = $"{parts[0]}.{ToBase64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}.{parts[2]}";
        claims["conv"] = JsonSerializer.SerializeToElement(mine);
        claims["exp"] = JsonSerializer.SerializeToElement(DateTimeOffset.UtcNow.AddYears(1).ToUnixTimeSeconds());
        var longerLife = $"{parts[0]}.{ToBase64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}.{parts[2]}";
        var unsigned = $"{ToBase64Url("""{"alg":"none","typ":"JWT"}"""u8.ToArray())}.{parts[1]}.";
        var badSignature = $"{parts[0]}.{parts[1]}.{ToBase64Url(new byte[32])}";
        string fromAnotherServer;
        using (var other = new BotServer(new Dictionary<string, string?> { ["DirectLine:Secret"] = "another-servers-secret-0123456789abcdef" }))
        using (var otherClient = new DirectLineHttp(other.BaseAddress))
        {
            using var generated = await otherClient.SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", "another-servers-secret-0123456789abcdef");
            fromAnotherServer = (await generated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }

        foreach (var (forged, conversation) in new[] { (otherConversation, theirs), (longerLife, mine), (unsigned, mine), (badSignature, mine), ("garbage", mine), (fromAnotherServer, mine) })
        {
            using var response = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation}/activities", forged);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("Forbidden", await DirectLineHttp.ErrorCodeAsync(response));
            Assert.Equal((int)HttpStatusCode.Forbidden, await StreamClient.RefusalAsync(StreamUrl(conversation, forged)));
        }
    }

    [Fact]
    public async Task Missing_authorization_is_401()
    {
        var (conversationId, _, _) = await _client.StartAsync();

        using var response = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", bearer: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", await DirectLineHttp.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Unknown_conversation_is_404()
    {
        var notStarted = (await _client.AnonymousTokenAsync()).GetProperty("token").GetString()!;

        using var withSecret = await _client.SendAsync(HttpMethod.Get, "/v3/directline/conversations/no-such-conversation/activities", DirectLineServer.Secret);
        using var withToken = await _client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationOf(notStarted)}/activities", notStarted, """{"type":"message","text":"hi"}""");

        Assert.Equal(HttpStatusCode.NotFound, withSecret.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withToken.StatusCode);
        Assert.Equal("NotFound", await DirectLineHttp.ErrorCodeAsync(withToken));
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("""{"text":"an activity without a type"}""")]
    [InlineData("""[{"type":"message"}]""")]
    [InlineData("""{"type":"message","text":12}""")]
    public async Task Malformed_activity_is_400(string body)
    {
        var (conversationId, token, _) = await _client.StartAsync();

        using var response = await _client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadArgument", await DirectLineHttp.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Body_over_64_KB_is_413_whether_or_not_its_length_is_declared()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        var huge = JsonSerializer.Serialize(new { type = "message", text = new string('a', 70 * 1024) });
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };

        using var declared = await _client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, huge);
        using var chunked = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge))),
        };
        chunked.Headers.Authorization = new("Bearer", token);
        chunked.Headers.TransferEncodingChunked = true;
        using var undeclared = await http.SendAsync(chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal("RequestTooLarge", await DirectLineHttp.ErrorCodeAsync(declared));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, undeclared.StatusCode);
        Assert.Equal(0, (await _client.GetActivitiesAsync(conversationId, token)).GetProperty("activities").GetArrayLength());
    }

    [Fact]
    public async Task Client_typing_is_acknowledged_but_never_stored()
    {
        var (conversationId, token, _) = await _client.StartAsync();

        using var response = await _client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, """{"type":"typing"}""");
        await _client.PostMessageAsync(conversationId, token, "what is naloxone");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var types = (await _client.GetActivitiesAsync(conversationId, token)).GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("type").GetString());
        Assert.DoesNotContain("typing", types);
    }

    [Fact]
    public async Task Cors_preflight_allows_the_official_clients_headers_from_any_site()
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        preflight.Headers.Add("Origin", "https://partner.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,accept,x-ms-bot-agent,x-requested-with");

        using var response = await http.SendAsync(preflight);

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        foreach (var header in new[] { "authorization", "content-type", "accept", "x-ms-bot-agent", "x-requested-with" })
        {
            Assert.Contains(header, allowed, StringComparison.Ordinal);
        }

        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Session_id_is_empty()
    {
        var (_, token, _) = await _client.StartAsync();

        using var response = await _client.SendAsync(HttpMethod.Get, "/v3/directline/session/getsessionid", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetString());
    }

    [Fact]
    public async Task Logs_keep_no_message_text_and_no_ids()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        await _client.PostMessageAsync(conversationId, token, "zebra-unicorn-7731 where can i get narcan");

        var logs = fixture.Server.Logs.All;
        Assert.DoesNotContain("zebra-unicorn-7731", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(conversationId, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(UserOf(token), logs, StringComparison.Ordinal);
    }

    public void Dispose() => _client.Dispose();

    internal static string UserOf(string token) => Claim(token, "user");

    private static string ConversationOf(string token) => Claim(token, "conv");

    private static string Claim(string token, string name) =>
        JsonSerializer.Deserialize<JsonElement>(Base64Url(token.Split('.')[1])).GetProperty(name).GetString()!;

    private string StreamUrl(string conversationId, string token) =>
        $"ws://{fixture.BaseAddress.Authority}/v3/directline/conversations/{conversationId}/stream?t={Uri.EscapeDataString(token)}";

    private static byte[] Base64Url(string value) => System.Buffers.Text.Base64Url.DecodeFromChars(value);

    private static string ToBase64Url(byte[] value) => System.Buffers.Text.Base64Url.EncodeToString(value);
}
