using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HarmReduction.Bot.Reporting;
using HarmReduction.Bot.Tests.Harness;
using HarmReduction.Bot.Tests.Knowledge;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace HarmReduction.Bot.Tests.Staff;

/// <summary><c>/staff</c> on the real server (Kestrel on loopback): off without a token, behind it, rate limited, and its data.</summary>
public sealed class StaffPageTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Token = "staff-token-for-the-tests-0123456789";

    [Theory]
    [InlineData("/staff")]
    [InlineData("/staff/staff.js")]
    [InlineData("/staff/api/status")]
    [InlineData("/staff/api/report")]
    public async Task Without_a_staff_token_configured_the_staff_page_does_not_exist(string path)
    {
        using var server = new BotServer();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var anonymous = await http.GetAsync(new Uri(path, UriKind.Relative));
        using var withSomeToken = await SendAsync(http, HttpMethod.Get, path, "anything-at-all-0123456789");

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withSomeToken.StatusCode);
    }

    [Fact]
    public async Task The_data_answers_401_without_the_token_or_with_a_wrong_one_and_200_with_it()
    {
        using var server = new BotServer(new Dictionary<string, string?> { ["Staff:Token"] = Token });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var none = await http.GetAsync(new Uri("/staff/api/status", UriKind.Relative));
        using var wrong = await SendAsync(http, HttpMethod.Get, "/staff/api/status", Token[..^1] + "X");
        using var prefix = await SendAsync(http, HttpMethod.Get, "/staff/api/status", Token[..^1]);
        using var askWrong = await SendAsync(http, HttpMethod.Post, "/staff/api/ask", "wrong-token-0123456789", new { text = "where can i get narcan" });
        using var right = await SendAsync(http, HttpMethod.Get, "/staff/api/status", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, prefix.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, askWrong.StatusCode);
        Assert.Equal("Bearer", wrong.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("no-store", right.Headers.CacheControl?.ToString());
        Assert.False(right.Headers.Contains("Set-Cookie"));

        // The served version is the one /readyz names.
        var status = await right.Content.ReadFromJsonAsync<JsonElement>();
        var ready = await http.GetStringAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal("Healthy", status.GetProperty("status").GetString());
        Assert.Contains(status.GetProperty("serving").GetString()!, ready, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{12}$", status.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("refused").ValueKind);
    }

    [Fact]
    public async Task The_page_itself_carries_no_data_and_a_strict_content_security_policy()
    {
        using var server = new BotServer(new Dictionary<string, string?> { ["Staff:Token"] = Token });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var page = await http.GetAsync(new Uri("/staff", UriKind.Relative));
        using var script = await http.GetAsync(new Uri("/staff/staff.js", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http-equiv", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("Gaps report:", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("version [0-9a-f]{12}", html);
        Assert.False(page.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        var js = await script.Content.ReadAsStringAsync();
        Assert.DoesNotContain("localStorage", js, StringComparison.Ordinal);
        Assert.DoesNotContain("sessionStorage", js, StringComparison.Ordinal);
        Assert.DoesNotContain("document.cookie", js, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", js, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_address_gets_Staff_RequestsPerMinute_requests_then_429_right_token_or_wrong()
    {
        using var server = new BotServer(new Dictionary<string, string?> { ["Staff:Token"] = Token, ["Staff:RequestsPerMinute"] = "3" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var codes = new List<HttpStatusCode>();
        foreach (var token in new[] { "wrong-token-0123456789-a", "wrong-token-0123456789-b", Token, Token, "wrong-token-0123456789-c" })
        {
            using var response = await SendAsync(http, HttpMethod.Get, "/staff/api/status", token);
            codes.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], codes);

        // The chat itself is not limited by what the staff page used.
        using var chat = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
    }

    [Fact]
    public async Task The_test_pane_answers_with_the_explanation_and_keeps_no_conversation_no_counts_and_no_text()
    {
        var prefix = "staff-" + Guid.NewGuid().ToString("N") + ":";
        using var server = new BotServer(new Dictionary<string, string?>
        {
            ["Staff:Token"] = Token,
            ["State:Provider"] = "Redis",
            ["State:Redis:Configuration"] = redis.Configuration,
            ["State:Redis:KeyPrefix"] = prefix,
            ["Report:UnknownWords:Enabled"] = "true",
        });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var sms = await SendAsync(http, HttpMethod.Post, "/staff/api/ask", Token, new { text = "where can i get narcan", channel = "sms" });
        using var web = await SendAsync(http, HttpMethod.Post, "/staff/api/ask", Token, new { text = "zorblax quimbly frobnication", channel = "web" });
        using var emergency = await SendAsync(http, HttpMethod.Post, "/staff/api/ask", Token, new { text = "my friend is not breathing", channel = "sms" });
        using var stop = await SendAsync(http, HttpMethod.Post, "/staff/api/ask", Token, new { text = "STOP", channel = "sms" });
        using var empty = await SendAsync(http, HttpMethod.Post, "/staff/api/ask", Token, new { text = " " });

        Assert.Equal(HttpStatusCode.OK, sms.StatusCode);
        var answer = await sms.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("answer", answer.GetProperty("kind").GetString());
        Assert.Equal("naloxone-where-to-get", answer.GetProperty("entry").GetString());
        Assert.Contains("naloxone", answer.GetProperty("reply").GetString(), StringComparison.OrdinalIgnoreCase);
        var explanation = answer.GetProperty("explanation").GetString()!;
        Assert.Contains("read as: \"where can i get naloxone\"", explanation, StringComparison.Ordinal);
        Assert.Contains("decision: answer: naloxone-where-to-get", explanation, StringComparison.Ordinal);
        Assert.Equal("naloxone-where-to-get", answer.GetProperty("explain").GetProperty("candidates")[0].GetProperty("entry").GetString());
        Assert.Equal("fallback", (await web.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kind").GetString());
        Assert.Equal("emergency", (await emergency.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kind").GetString());
        Assert.NotEqual("optout", (await stop.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        // Nothing reached the store: no conversation, no opt-out, no counts, no unknown words.
        await server.Services.GetRequiredService<UsageCounter>().FlushAsync(CancellationToken.None);
        // A loaded 2-core CI machine can stall a scan past the client's default 5 s; the check is what is stored, not how fast.
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",syncTimeout=30000,asyncTimeout=30000");
        var keys = connection.GetServer(connection.GetEndPoints()[0]).Keys(pattern: prefix + "*").Select(k => k.ToString()).ToList();
        Assert.True(keys.Count == 0, "the test pane stored: " + string.Join(", ", keys));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("narcan", StringComparison.OrdinalIgnoreCase) || l.Contains("zorblax", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_report_and_the_review_queue_come_as_the_commands_print_them_and_report_server_reads_them()
    {
        using var server = new BotServer(new Dictionary<string, string?> { ["Staff:Token"] = Token, ["Sms:Twilio:AuthToken"] = "0123456789abcdef0123456789abcdef" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var phone = new Channels.Sms.TwilioPhone(server.BaseAddress, "0123456789abcdef0123456789abcdef", Channels.Sms.TwilioPhone.NewNumber());
        await phone.SendAsync("where can i get narcan");

        using var report = await SendAsync(http, HttpMethod.Get, "/staff/api/report?days=7", Token);
        using var csv = await SendAsync(http, HttpMethod.Get, "/staff/api/report?days=7&format=csv", Token);
        using var review = await SendAsync(http, HttpMethod.Get, "/staff/api/review?all=true", Token);
        var cli = await BotProcess.RunAsync(["report", "--days", "7", "--server", server.BaseAddress.ToString()], environment: new Dictionary<string, string> { ["Staff__Token"] = Token });
        var cliWrong = await BotProcess.RunAsync(["report", "--server", server.BaseAddress.ToString()], environment: new Dictionary<string, string> { ["Staff__Token"] = "wrong-token-0123456789" });

        var text = await report.Content.ReadAsStringAsync();
        Assert.StartsWith("Gaps report: ", text, StringComparison.Ordinal);
        Assert.Matches(@"naloxone-where-to-get\s+en\s+sms\s+<5", text);
        Assert.DoesNotContain("narcan", text, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"\d{4}-\d\d-\d\d,en,sms,answer-high,naloxone-where-to-get,<5", await csv.Content.ReadAsStringAsync());
        Assert.StartsWith("Review queue: ", await review.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        Assert.Equal(text, cli.Stdout);
        Assert.Equal(1, cliWrong.ExitCode);
        Assert.Contains("401", cliWrong.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_reload_shows_on_the_staff_page_with_its_file_line_col()
    {
        using var folder = new KnowledgeFolderBuilder().With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry);
        using var server = new BotServer(new Dictionary<string, string?> { ["Staff:Token"] = Token, ["Knowledge:Path"] = folder.Root, ["Knowledge:Watch"] = "true" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("  topic: naloxone", "  topic: naloxone\n\ttitle: tabbed", StringComparison.Ordinal));
        JsonElement status = default;
        for (var i = 0; i < 150; i++)
        {
            using var response = await SendAsync(http, HttpMethod.Get, "/staff/api/status", Token);
            status = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (status.GetProperty("status").GetString() == "Degraded")
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal("Degraded", status.GetProperty("status").GetString());
        Assert.StartsWith($"refused: {folder.Display("en/naloxone.yaml")}:4:1: a tab character in indentation", status.GetProperty("refused").GetString(), StringComparison.Ordinal);
        Assert.Contains("1 entries, version ", status.GetProperty("serving").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_staff_token_stops_the_server_from_starting()
    {
        var error = Assert.ThrowsAny<Exception>(() => new BotServer(new Dictionary<string, string?> { ["Staff:Token"] = "short" }).Dispose());

        Assert.Contains("Staff:Token must be at least 16 characters", error.ToString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return http.SendAsync(request);
    }
}
