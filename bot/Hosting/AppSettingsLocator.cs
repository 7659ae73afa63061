namespace HarmReduction.Bot.Hosting;

/// <summary>
/// The one appsettings.json lives at the repository root. The service uses the folder holding it as content root,
/// looking in the working directory first, then from the app's own folder upwards (the build carries a copy).
/// </summary>
public static class AppSettingsLocator
{
    public static string ContentRoot()
    {
        if (File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json")))
        {
            return Directory.GetCurrentDirectory();
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "appsettings.json")))
            {
                return directory.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
