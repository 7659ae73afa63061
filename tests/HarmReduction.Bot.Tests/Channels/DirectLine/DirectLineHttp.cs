using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace HarmReduction.Bot.Tests.Channels.DirectLine;

/// <summary>Plain HTTP calls to the Direct Line endpoints, the way any client makes them.</summary>
internal sealed class DirectLineHttp(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress };

    public Uri BaseAddress => baseAddress;

    public async Task<JsonElement> AnonymousTokenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
        request.Headers.Add("Origin", baseAddress.GetLeftPart(UriPartial.Authority));
        using var response = await _http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.EnsureSuccessStatusCode().StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A token from <c>/api/directline/token</c> for a started conversation: (conversationId, token, streamUrl).</summary>
    public async Task<(string ConversationId, string Token, string StreamUrl)> StartAsync()
    {
        var issued = await AnonymousTokenAsync();
        var token = issued.GetProperty("token").GetString()!;
        using var started = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("conversationId").GetString()!, token, body.GetProperty("streamUrl").GetString()!);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }

    public async Task<string> PostMessageAsync(string conversationId, string token, string text, string? clientActivityId = null)
    {
        var activity = JsonSerializer.Serialize(new
        {
            type = "message",
            text,
            from = new { id = "chosen-by-the-client", name = "Someone" },
            channelData = new { clientActivityID = clientActivityId ?? Guid.NewGuid().ToString("n") },
        });
        using var response = await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, activity);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetActivitiesAsync(string conversationId, string token, string watermark = "")
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark={watermark}", token);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The texts of the bot's messages in the conversation, polled once.</summary>
    public async Task<List<string>> BotTextsAsync(string conversationId, string token) =>
        (await GetActivitiesAsync(conversationId, token)).GetProperty("activities").EnumerateArray()
            .Where(a => a.GetProperty("from").GetProperty("role").GetString() == "bot" && a.GetProperty("type").GetString() == "message")
            .Select(a => a.GetProperty("text").GetString()!)
            .ToList();

    public async Task<JsonElement> GetJsonAsync(string path, string bearer)
    {
        using var response = await SendAsync(HttpMethod.Get, path, bearer);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The error code of a Direct Line error body.</summary>
    public static async Task<string> ErrorCodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString()!;

    public void Dispose() => _http.Dispose();
}
