using System.CommandLine;
using System.Globalization;
using HarmReduction.Bot.Knowledge;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Cli;

/// <summary>
/// <c>validate [DIR] [--stats]</c>: every problem as <c>file:line:col: message</c> and every warning as
/// <c>file:line:col: warning: message</c>; exit 0 when there are no errors (warnings alone do not fail), 1 otherwise.
/// <c>--routing</c> adds the routing self-test (<see cref="RoutingCommand"/>).
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var folder = new Argument<string?>("dir") { Arity = ArgumentArity.ZeroOrOne, Description = "The knowledge folder (default: Knowledge:Path)." };
        var stats = new Option<bool>("--stats") { Description = "Also print the reading level of the SMS answers per language: the median and the five hardest." };
        var routing = new Option<bool>("--routing") { Description = "Also send every listed phrasing through the engine and list each one another entry takes, with the winner and the strongest pull; exit 1 on a collision not accepted in routing-accepted.yaml." };
        var update = new Option<bool>("--update-accepted") { Description = "With --routing: rewrite routing-accepted.yaml to list today's collisions (notes are kept)." };
        var command = new Command("validate", "Check the knowledge folder: format, ids, follow-ups, twins, SMS budget, contact numbers, dates, URLs, language.") { folder, stats, routing, update };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build();
            var path = parse.GetValue(folder) ?? KnowledgeFolder.Resolve(host.Services.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Path);
            var result = host.Services.GetRequiredService<KnowledgeLoader>().Load(path);
            var resources = host.Services.GetRequiredService<IOptions<ResourcesOptions>>().Value;
            var allWarnings = result.Warnings.Concat(result.Knowledge is { } knowledge ? ReadingLevelWarnings(knowledge.Entries, resources) : []).ToList();
            foreach (var problem in result.Errors.Select(e => e.ToString()).Concat(allWarnings.Select(w => w.ToString())))
            {
                Console.WriteLine(problem);
            }

            var warnings = allWarnings.Count > 0 ? $" {allWarnings.Count} warning(s)." : string.Empty;
            if (result.Errors.Count > 0)
            {
                Console.Error.WriteLine($"{result.Errors.Count} error(s); {result.EntryCount} entries read.{warnings}");
                return 1;
            }

            var entries = result.Knowledge!.Entries;
            var twins = new EntryTwins(entries);
            Console.Error.WriteLine($"OK: {entries.Count} entries ({string.Join(", ", entries.GroupBy(e => e.Lang).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"))}); "
                + $"{twins.Pairs} twin pairs; {twins.Alone.Count} entries without a twin.{warnings}");
            if (parse.GetValue(stats))
            {
                PrintReadingLevels(entries, resources);
            }

            return parse.GetValue(routing) ? await RoutingCommand.RunAsync(path, parse.GetValue(update), cancellationToken) : 0;
        });
        return command;
    }

    /// <summary>
    /// An SMS answer that reads above grade 6 fails the reading-level test in CI; staff see it here first, at the entry.
    /// Only here: the server and the staff preview load the same folder without it.
    /// </summary>
    private static IEnumerable<KnowledgeWarning> ReadingLevelWarnings(IReadOnlyList<KnowledgeEntry> entries, ResourcesOptions resources) =>
        from entry in entries
        let score = ReadingLevelReport.OfSms(entry, resources)
        where score.AboveGrade6
        select new KnowledgeWarning(entry.Position, $"answer.sms of '{entry.Id}' reads above grade 6 ({score}); use shorter sentences and everyday words");

    private static void PrintReadingLevels(IReadOnlyList<KnowledgeEntry> entries, ResourcesOptions resources)
    {
        foreach (var lang in entries.Select(e => e.Lang).Distinct().Order(StringComparer.Ordinal))
        {
            var report = ReadingLevelReport.For(entries, lang, resources);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Reading level of answer.sms, {lang} ({ReadingLevel.MeasureName(lang)}): median {report.Median} over {report.Count} answers; hardest:"));
            foreach (var (id, score) in report.Hardest)
            {
                Console.WriteLine($"  {id}: {score}");
            }

            Console.WriteLine(report.AboveGrade6.Count == 0
                ? "  none above grade 6"
                : $"  {report.AboveGrade6.Count} above grade 6: {string.Join(", ", report.AboveGrade6)}");
        }
    }
}
