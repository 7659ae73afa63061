using System.CommandLine;
using HarmReduction.Bot.Knowledge;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Cli;

/// <summary><c>validate [DIR]</c>: every problem as <c>file:line:col: message</c>; exit 0 when clean, 1 otherwise.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var folder = new Argument<string?>("dir") { Arity = ArgumentArity.ZeroOrOne, Description = "The knowledge folder (default: Knowledge:Path)." };
        var command = new Command("validate", "Check the knowledge folder: format, ids, follow-ups, SMS budget, dates, URLs, language.") { folder };
        command.SetAction(parse =>
        {
            using var host = CliHost.Build();
            var path = parse.GetValue(folder) ?? KnowledgeFolder.Resolve(host.Services.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Path);
            var result = host.Services.GetRequiredService<KnowledgeLoader>().Load(path);
            foreach (var error in result.Errors)
            {
                Console.WriteLine(error);
            }

            if (result.Errors.Count > 0)
            {
                Console.Error.WriteLine($"{result.Errors.Count} error(s); {result.EntryCount} entries read.");
                return 1;
            }

            var entries = result.Knowledge!.Entries;
            Console.Error.WriteLine($"OK: {entries.Count} entries ({string.Join(", ", entries.GroupBy(e => e.Lang).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"))}).");
            return 0;
        });
        return command;
    }
}
