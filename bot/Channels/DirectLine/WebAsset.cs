using System.IO.Compression;
using System.Security.Cryptography;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>One file of the page, kept in memory with a gzip copy (the page must load fast on a 2G phone).</summary>
public sealed record WebAsset(string Name, string ContentType, byte[] Content, byte[] Gzipped, string Version)
{
    public static WebAsset Create(string name, byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize))
        {
            gzip.Write(content);
        }

        var version = Convert.ToHexStringLower(SHA256.HashData(content))[..12];
        return new WebAsset(name, ContentTypeOf(name), content, compressed.ToArray(), version);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".json" or ".webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    };
}
