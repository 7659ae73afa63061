using System.Net;
using System.Text.RegularExpressions;
using HarmReduction.Bot.Channels.DirectLine;
using HarmReduction.Bot.Tests.Channels.DirectLine;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Web;

/// <summary>The built-in page over HTTP: its headers, its weight, its caching, and where its parts come from.</summary>
public sealed partial class WebChatPageTests(DirectLineServer fixture) : IClassFixture<DirectLineServer>, IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = fixture.BaseAddress };

    [Fact]
    public async Task Page_sets_a_strict_content_security_policy_and_no_cookie()
    {
        using var response = await _http.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains($"connect-src 'self' ws://{fixture.BaseAddress.Authority} wss://{fixture.BaseAddress.Authority}", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Page_loads_only_its_own_two_files_and_has_no_inline_script()
    {
        var html = await _http.GetStringAsync(new Uri("/", UriKind.Relative));

        var references = ReferencePattern().Matches(html).Select(m => m.Groups[1].Value).Where(r => !r.StartsWith("data:", StringComparison.Ordinal) && !r.StartsWith("tel:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, references.Count);
        Assert.All(references, r => Assert.Matches(@"^/chat\.(js|css)\?v=[0-9a-f]{12}$", r));
        // The one script element without src is the page's words as JSON data, which is never run.
        Assert.DoesNotMatch(@"<script(?![^>]*\b(src=|type=""application/json""))", html);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<[^>]+\son[a-z]+\s*=", html);
    }

    [Fact]
    public async Task Page_and_its_files_weigh_under_50_KB_on_the_wire()
    {
        var html = await GetGzippedAsync("/");
        var total = html.Length;
        foreach (Match reference in ReferencePattern().Matches(System.Text.Encoding.UTF8.GetString(Gunzip(html))))
        {
            if (!reference.Groups[1].Value.StartsWith("data:", StringComparison.Ordinal) && !reference.Groups[1].Value.StartsWith("tel:", StringComparison.Ordinal))
            {
                total += (await GetGzippedAsync(reference.Groups[1].Value)).Length;
            }
        }

        Assert.InRange(total, 1, 50 * 1024);
    }

    [Fact]
    public async Task Versioned_files_are_cached_for_good_and_the_page_is_never_stored()
    {
        using var page = await _http.GetAsync(new Uri("/", UriKind.Relative));
        var script = ReferencePattern().Matches(await page.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).First(r => r.Contains(".js", StringComparison.Ordinal));
        using var file = await _http.GetAsync(new Uri(script, UriKind.Relative));
        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(page.Headers.ETag!);
        using var revalidated = await _http.SendAsync(again);

        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Contains("immutable", file.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("text/javascript", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public void Page_files_are_embedded_in_the_assembly()
    {
        var assets = WebChatPage.LoadAssets();

        Assert.Equal(["chat.css", "chat.js", "index.html"], assets.Keys.Order(StringComparer.Ordinal));
        Assert.All(assets.Values, a => Assert.True(a.Gzipped.Length < a.Content.Length));
    }

    [Fact]
    public async Task Framing_sites_come_from_configuration()
    {
        using var server = new BotServer(new Dictionary<string, string?> { ["WebChat:FrameAncestors"] = "https://partner.example https://*.harm-reduction.example" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("frame-ancestors 'self' https://partner.example https://*.harm-reduction.example;",
            response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    public void Dispose() => _http.Dispose();

    private async Task<byte[]> GetGzippedAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await _http.SendAsync(request);
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }

    [GeneratedRegex(@"(?:src|href)=""([^""]+)""")]
    private static partial Regex ReferencePattern();
}
