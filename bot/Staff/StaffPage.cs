using System.Reflection;
using HarmReduction.Bot.Channels.DirectLine;
using Microsoft.AspNetCore.Http;

namespace HarmReduction.Bot.Staff;

/// <summary>
/// The staff page's three files (<c>Staff/Page</c>, embedded), served under <c>/staff</c>. The page holds no data: it
/// asks <c>/staff/api</c> for everything with the token the staff person typed, kept in the page's memory only.
/// </summary>
internal static class StaffPage
{
    private const string ResourcePrefix = "staff/";

    /// <summary>This origin's script and style only, no inline code, no framing, nothing from elsewhere.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The page (<c>staff.html</c>), its script and its style, by file name.</summary>
    public static IReadOnlyDictionary<string, WebAsset> Load()
    {
        var assembly = typeof(StaffPage).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..], n => WebAsset.Create(n[ResourcePrefix.Length..], Read(assembly, n)), StringComparer.Ordinal);
    }

    public static IResult Serve(WebAsset asset) => Results.Bytes(asset.Content, asset.ContentType);

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
