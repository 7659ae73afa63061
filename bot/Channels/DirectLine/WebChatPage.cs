using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using HarmReduction.Bot.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// The built-in chat page at <c>/</c> and its two files, served from the assembly (so it works however the service is
/// started) with a strict Content-Security-Policy: nothing from another origin, no inline script, no cookies.
/// </summary>
public static partial class WebChatPage
{
    private const string ResourcePrefix = "wwwroot/";
    private const string IndexName = "index.html";

    public static IEndpointRouteBuilder MapWebChatPage(this IEndpointRouteBuilder endpoints)
    {
        var assets = LoadAssets();
        foreach (var asset in assets.Values)
        {
            var route = asset.Name == IndexName ? "/" : "/" + asset.Name;
            endpoints.MapGet(route, (HttpContext http, IOptions<WebChatOptions> options, IOptions<PublicUrlOptions> publicUrl) => Serve(http, asset, options.Value, publicUrl.Value));
        }

        return endpoints;
    }

    /// <summary>The page's files, with the page pointing at versioned names so phones can cache the files for good.</summary>
    internal static IReadOnlyDictionary<string, WebAsset> LoadAssets()
    {
        var assembly = typeof(WebChatPage).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..], n => Read(assembly, n), StringComparer.Ordinal);
        var assets = files.Where(f => f.Key != IndexName).ToDictionary(f => f.Key, f => WebAsset.Create(f.Key, f.Value), StringComparer.Ordinal);
        if (files.TryGetValue(IndexName, out var index))
        {
            var html = Encoding.UTF8.GetString(index);
            foreach (var asset in assets.Values)
            {
                html = html.Replace($"\"/{asset.Name}\"", $"\"/{asset.Name}?v={asset.Version}\"", StringComparison.Ordinal);
            }

            assets[IndexName] = WebAsset.Create(IndexName, Encoding.UTF8.GetBytes(html));
        }

        return assets;
    }

    private static IResult Serve(HttpContext http, WebAsset asset, WebChatOptions options, PublicUrlOptions publicUrl)
    {
        var isPage = asset.Name == IndexName;
        if (isPage)
        {
            asset = http.RequestServices.GetRequiredService<WebChatPageText>().Render(asset, http.Request);
        }

        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ContentSecurityPolicy(http.Request, options, publicUrl);
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        // The page itself is never kept (no copy of the chat in the browser's cache); its versioned files are kept for good.
        headers.CacheControl = isPage ? "no-store"
            : http.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable"
            : "no-cache";
        headers.ETag = $"\"{asset.Version}\"";
        headers.Vary = isPage ? "Accept-Encoding, Accept-Language" : "Accept-Encoding";
        if (http.Request.Headers.IfNoneMatch.ToString() == $"\"{asset.Version}\"")
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var gzip = AcceptsGzip(http.Request);
        if (gzip)
        {
            headers.ContentEncoding = "gzip";
        }

        return Results.Bytes(gzip ? asset.Gzipped : asset.Content, asset.ContentType);
    }

    /// <summary>
    /// Scripts, styles and connections from this origin only (its WebSocket included); framing as configured. The
    /// socket's host comes from <c>PublicUrl</c> when set, else from the Host header (which <c>AllowedHosts</c> restricts).
    /// </summary>
    internal static string ContentSecurityPolicy(HttpRequest request, WebChatOptions options, PublicUrlOptions? publicUrl = null)
    {
        string sockets;
        if (publicUrl?.Uri is { } configured)
        {
            sockets = $" {(configured.Scheme == Uri.UriSchemeHttps ? "wss" : "ws")}://{configured.Authority}";
        }
        else
        {
            var host = HostPattern().IsMatch(request.Host.Value ?? string.Empty) ? request.Host.Value : null;
            sockets = host is null ? string.Empty : $" ws://{host} wss://{host}";
        }

        var ancestors = string.Join(' ', options.FrameAncestors.Split(' ', StringSplitOptions.RemoveEmptyEntries).Prepend("'self'"));
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + $"connect-src 'self'{sockets}; frame-ancestors {ancestors}; base-uri 'none'; form-action 'self'; object-src 'none'";
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var encodings)
        && encodings.Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is null or > 0);

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [GeneratedRegex(@"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")]
    private static partial Regex HostPattern();
}
