using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// What is being served and whether the last attempt to publish was refused, for <c>/readyz</c> and the staff page.
/// The knowledge provider updates it on every load; a refusal stays until a load succeeds.
/// </summary>
public sealed class KnowledgeStatus
{
    private volatile StatusView _view = new(null, null);

    public KnowledgeVersion? Serving => _view.Serving;

    /// <summary>The last reload that did not validate, while it is still pending (the files on disk are still broken).</summary>
    public RefusedReload? Refused => _view.Refused;

    internal void Served(KnowledgeVersion version) => _view = new StatusView(version, null);

    internal void Refuse(RefusedReload refused) => _view = _view with { Refused = refused };

    private sealed record StatusView(KnowledgeVersion? Serving, RefusedReload? Refused);
}

/// <param name="Hash">The first 12 hex digits of a SHA-256 over every knowledge file and the contact settings it was loaded with.</param>
/// <param name="Resources">The contact settings the answers are filled with (they reload with the knowledge).</param>
public sealed record KnowledgeVersion(string Hash, DateTimeOffset LoadedAt, int Entries, ResourcesOptions Resources)
{
    /// <summary>The version of a folder as it is on disk now, with the contacts it is filled with.</summary>
    public static string HashOf(string folder, ResourcesOptions resources)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var root = Path.GetFullPath(folder);
        // The same files the loader reads: a FIFO or a lock file beside them would block or fail a plain read.
        IEnumerable<string> files = Directory.Exists(root) ? KnowledgeFiles.Find(root, recursive: true) : [];
        foreach (var file in files)
        {
            try
            {
                var content = File.ReadAllBytes(file);
                sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file).Replace('\\', '/') + "\0"));
                sha.AppendData(content);
                sha.AppendData("\0"u8);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file that vanished since the load does not change what was loaded; the next reload sees the folder as it is.
            }
        }

        var contacts = resources.OrderBy(r => r.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(r => r.Key.ToLowerInvariant(), r => r.Value, StringComparer.Ordinal);
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(contacts));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
    }
}

/// <summary>A reload that did not validate: when, and its errors (the first one is what <c>/readyz</c> shows).</summary>
public sealed record RefusedReload(DateTimeOffset At, IReadOnlyList<KnowledgeError> Errors)
{
    public string Summary => Errors.Count switch
    {
        0 => "refused",
        1 => $"refused: {Errors[0]}",
        _ => $"refused: {Errors[0]} (and {Errors.Count - 1} more)",
    };
}
