using HarmReduction.Bot.Hosting;
using HarmReduction.Bot.Knowledge;

namespace HarmReduction.Bot.Cli;

/// <summary>The engine's services for a command: the same configuration and registrations as the server, logs to stderr only.</summary>
internal static class CliHost
{
    public static IHost Build(Action<IConfigurationBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppSettingsLocator.ContentRoot(),
            Args = [],
        });
        configure?.Invoke(builder.Configuration);
        builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning"), new("Logging:LogLevel:HarmReduction", "Warning")]);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddHarmReductionBot();
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Loads the knowledge or prints its errors; a command cannot answer from a broken folder.</summary>
    public static bool TryLoadKnowledge(IHost host)
    {
        var provider = host.Services.GetRequiredService<KnowledgeProvider>();
        var errors = provider.Load();
        foreach (var error in errors)
        {
            Console.Error.WriteLine(error);
        }

        return errors.Count == 0;
    }
}
