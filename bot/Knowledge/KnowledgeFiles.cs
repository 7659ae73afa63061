using System.Runtime.InteropServices;

namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// Which files in the knowledge folder are knowledge: regular <c>.yaml</c>/<c>.yml</c> files whose names do not start
/// with a dot. Everything an editor or a copy leaves beside them is ignored: Emacs lock files (<c>.#x.yaml</c>, a
/// dangling symbolic link), vim swap files, backups (<c>x.yaml~</c>), dangling links, FIFOs and devices (reading a FIFO
/// would block the loader forever), hidden folders.
/// </summary>
public static class KnowledgeFiles
{
    private static readonly EnumerationOptions Recursive = new() { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
    private static readonly EnumerationOptions TopLevel = new() { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };

    /// <summary>The knowledge files under <paramref name="folder"/> (all depths, or its top level only), in ordinal order.</summary>
    public static IReadOnlyList<string> Find(string folder, bool recursive)
    {
        try
        {
            return Directory.EnumerateFiles(folder, "*", recursive ? Recursive : TopLevel)
                .Where(IsKnowledgeFile)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder went away while it was listed (a checkout, a copy): the caller reports what is missing.
            return [];
        }
    }

    public static bool IsKnowledgeFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.Length > 0 && name[0] != '.'
            && (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            && IsRegularFile(path);
    }

    /// <summary>
    /// A regular file, following symbolic links (a link to a regular file counts; a dangling one does not). On Unix this
    /// asks the runtime's own <c>stat</c> shim, since .NET reports FIFOs and devices as ordinary files.
    /// </summary>
    public static bool IsRegularFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.Exists(path);
        }

        var status = new byte[256];
        try
        {
            if (Stat(path, status) != 0)
            {
                return false;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return File.Exists(path);
        }

        // FileStatus { int32 Flags; int32 Mode; ... }: Mode carries the file type bits (S_IFMT).
        var mode = BitConverter.ToInt32(status, 4);
        return (mode & FileTypeMask) == RegularFile;
    }

    /// <summary>The text of a knowledge file; an I/O failure (the file vanished, no permission) is an error, not a crash.</summary>
    public static string? TryRead(string path, out string? error)
    {
        try
        {
            error = null;
            return File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"the file could not be read ({e.GetType().Name})";
            return null;
        }
    }

    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] status);
}
