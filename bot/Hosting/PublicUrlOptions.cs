namespace HarmReduction.Bot.Hosting;

/// <summary>
/// <c>PublicUrl</c>: the address people and Twilio reach this server at (e.g. <c>https://chat.example.org</c>). When set,
/// stream URLs, the page's Content-Security-Policy and the URL Twilio signs are built from it, never from the request's
/// Host header. Unset, the Host header is used, which <c>AllowedHosts</c> must then restrict.
/// </summary>
public sealed class PublicUrlOptions
{
    public string? PublicUrl { get; set; }

    public Uri? Uri => System.Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) ? uri : null;

    public bool IsValid => string.IsNullOrWhiteSpace(PublicUrl) || Uri is { Scheme: "http" or "https", AbsolutePath: "/", Query: "" };
}
