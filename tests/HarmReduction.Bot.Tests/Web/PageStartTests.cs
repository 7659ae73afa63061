using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HarmReduction.Bot.Tests.Channels.DirectLine;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Web;

/// <summary>
/// What the built-in page gets from the server before and at its first call: the page in the visitor's language with
/// the configured emergency number, the token call that starts the conversation and brings the greeting, and uploads.
/// </summary>
public sealed class PageStartTests(DirectLineServer fixture) : IClassFixture<DirectLineServer>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = fixture.BaseAddress };

    [Fact]
    public async Task Page_is_never_stored_and_its_first_paint_names_the_emergency_number()
    {
        using var response = await _http.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Anonymous and automated. Emergency: call <a href=\"tel:911\">911</a>.", html, StringComparison.Ordinal);
        Assert.Contains("History still lists this site", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spanish_visitor_gets_the_page_in_spanish_with_both_languages_for_the_script()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.ParseAdd("es-US,es;q=0.9,en;q=0.5");
        using var response = await _http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Accept-Language", response.Headers.Vary);
        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
        Assert.Contains(">Salida rápida</button>", html, StringComparison.Ordinal);
        Assert.Contains("placeholder=\"Escribe tu pregunta\"", html, StringComparison.Ordinal);
        const string Marker = "<script type=\"application/json\" id=\"page-strings\">";
        var json = html[(html.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..];
        using var strings = JsonDocument.Parse(json[..json.IndexOf("</script>", StringComparison.Ordinal)]);
        Assert.Equal("es", strings.RootElement.GetProperty("lang").GetString());
        Assert.Equal("Send", strings.RootElement.GetProperty("strings").GetProperty("en").GetProperty("page-send").GetString());
        Assert.Equal("Llamar al 911", strings.RootElement.GetProperty("strings").GetProperty("es").GetProperty("page-call-emergency").GetString());
        Assert.Equal("911", strings.RootElement.GetProperty("numbers").GetProperty("es").GetProperty("emergency").GetString());
    }

    [Fact]
    public async Task Page_uses_the_configured_emergency_number()
    {
        using var server = new BotServer(new Dictionary<string, string?> { ["Resources:en:EmergencyNumber"] = "112" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var html = await http.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("Emergency: call <a href=\"tel:112\">112</a>.", html, StringComparison.Ordinal);
        Assert.Contains("\"page-call-emergency\":\"Call 112\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_call_with_start_returns_the_greeting_and_a_stream_that_begins_after_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token")
        {
            Content = new StringContent("""{"start": true, "locale": "es-US"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var greeting = body.GetProperty("activities").EnumerateArray().ToList();
        Assert.NotEmpty(greeting);
        Assert.All(greeting, a => Assert.Equal("es", a.GetProperty("locale").GetString()));
        Assert.StartsWith("Hola", greeting[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var watermark = body.GetProperty("watermark").GetString()!;
        Assert.EndsWith($"&watermark={watermark}", body.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);

        // The conversation exists: a message posted with the token is answered after the greeting.
        using var client = new DirectLineHttp(fixture.BaseAddress);
        var conversationId = body.GetProperty("conversationId").GetString()!;
        var token = body.GetProperty("token").GetString()!;
        var id = await client.PostMessageAsync(conversationId, token, "¿dónde consigo naloxona?");
        var after = (await client.GetActivitiesAsync(conversationId, token, watermark)).GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal(id, after[0].GetProperty("id").GetString());
        Assert.Contains(after, a => a.TryGetProperty("replyToId", out var r) && r.GetString() == id);
    }

    [Fact]
    public async Task Token_call_without_start_still_only_issues_a_token()
    {
        using var client = new DirectLineHttp(fixture.BaseAddress);

        var issued = await client.AnonymousTokenAsync();

        Assert.False(issued.TryGetProperty("activities", out _));
        Assert.False(issued.TryGetProperty("streamUrl", out _));
    }

    [Fact]
    public async Task An_upload_is_answered_in_words_the_file_is_not_kept_and_the_question_is_answered()
    {
        using var client = new DirectLineHttp(fixture.BaseAddress);
        var (conversationId, token, _) = await client.StartAsync();
        using var form = new MultipartFormDataContent();
        var activity = new StringContent(
            """{"type":"message","text":"how do i clean a wound","attachments":[{"contentType":"image/jpeg","name":"my-arm.jpg"}]}""",
            Encoding.UTF8);
        activity.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.microsoft.activity");
        form.Add(activity, "activity");
        var photo = new ByteArrayContent(Encoding.ASCII.GetBytes("JPEG-BYTES-THAT-MUST-NOT-BE-KEPT" + new string('x', 300_000)));
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(photo, "file", "my-arm.jpg");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload?userId=dl_x") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var transcript = (await client.GetActivitiesAsync(conversationId, token)).GetProperty("activities").EnumerateArray().ToList();
        var raw = JsonSerializer.Serialize(transcript);
        Assert.DoesNotContain("JPEG-BYTES", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("my-arm", raw, StringComparison.Ordinal);
        var replies = transcript.Where(a => a.TryGetProperty("replyToId", out var r) && r.GetString() == id).Select(a => a.GetProperty("text").GetString()!).ToList();
        Assert.Equal("I can't see photos here: describe it in words.", replies[0]);
        Assert.Contains(replies.Skip(1), r => r.Contains("wound", StringComparison.OrdinalIgnoreCase) || r.Contains("soap", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_upload_that_is_not_multipart_is_refused()
    {
        using var client = new DirectLineHttp(fixture.BaseAddress);
        var (conversationId, token, _) = await client.StartAsync();

        using var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload", token, """{"type":"message"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public void Dispose() => _http.Dispose();
}
