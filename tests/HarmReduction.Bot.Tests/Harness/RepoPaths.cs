namespace HarmReduction.Bot.Tests.Harness;

/// <summary>Finds the repository from the test's build output, so tests use the real knowledge folder and scripts.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Knowledge => Path.Combine(Root, "knowledge");

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HarmReduction.Bot.sln")))
            {
                return directory.FullName;
            }
        }

        // Built with --artifacts-path outside the repository: use the source location recorded at build time.
        var recorded = typeof(RepoPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "HarmReduction.Bot.sln")))
        {
            return Path.GetFullPath(recorded);
        }

        throw new InvalidOperationException("Could not find HarmReduction.Bot.sln above the test output folder.");
    }
}
