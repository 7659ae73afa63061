using HarmReduction.Bot.Knowledge;

namespace HarmReduction.Bot.Hosting;

public static class StartupKnowledge
{
    /// <summary>The server refuses to start on an invalid knowledge folder, printing the same errors as <c>validate</c>.</summary>
    public static bool LoadKnowledgeOrReport(this WebApplication app)
    {
        var provider = app.Services.GetRequiredService<KnowledgeProvider>();
        var errors = provider.Load();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                Console.Error.WriteLine(error);
            }

            Console.Error.WriteLine($"The knowledge folder {provider.Folder} has {errors.Count} error(s); the service will not start until `validate` is clean.");
            return false;
        }

        provider.StartWatching();
        return true;
    }
}
