using System.CommandLine;
using System.Globalization;
using HarmReduction.Bot.Conversation;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Cli;

/// <summary><c>eval FILE.yaml [--min PCT]</c>: runs a question set and reports pass rates overall, per group and per kind.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A question set (format of shared/eval/dev.yaml)." };
        var min = new Option<double?>("--min") { Description = "Exit 1 when the overall pass rate (percent) is below this." };
        var verbose = new Option<bool>("--verbose") { Description = "Print the reply of every failing item." };
        var command = new Command("eval", "Score the bot on a question set.") { file, min, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"{path}: no such file");
                return 2;
            }

            List<EvalItem> items;
            try
            {
                items = EvalItem.Load(path);
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                Console.Error.WriteLine($"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message}");
                return 2;
            }

            using var host = CliHost.Build();
            if (!CliHost.TryLoadKnowledge(host))
            {
                return 1;
            }

            var runner = new QuestionRunner(host.Services.GetRequiredService<TurnPipeline>(), host.Services.GetRequiredService<IOptions<Hosting.ChannelOptions>>());
            var outcomes = new List<(EvalItem Item, bool Passed)>();
            foreach (var item in items)
            {
                var result = await runner.AskAsync(item.Q, item.Channel, cancellationToken);
                var failure = item.Check(result.Reply, result.Outcome.KindName);
                outcomes.Add((item, failure is null));
                if (failure is not null)
                {
                    Console.WriteLine($"FAIL {item.Id} [{item.Channel}] kind={result.Outcome.KindName} entry={result.Outcome.EntryId ?? "-"} score={result.Outcome.Score?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-"}: {failure}");
                    if (parse.GetValue(verbose))
                    {
                        Console.WriteLine($"     q: {item.Q}");
                        Console.WriteLine("     reply: " + result.Reply.Replace("\n", "\n            ", StringComparison.Ordinal));
                    }
                }
            }

            Report("group", outcomes.GroupBy(o => o.Item.Group));
            Report("kind", outcomes.GroupBy(o => o.Item.Kind));
            var passed = outcomes.Count(o => o.Passed);
            var rate = outcomes.Count == 0 ? 0 : 100.0 * passed / outcomes.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overall {passed}/{outcomes.Count} {rate:0.0}%"));
            return parse.GetValue(min) is { } threshold && rate < threshold ? 1 : 0;
        });
        return command;
    }

    private static void Report(string label, IEnumerable<IGrouping<string, (EvalItem Item, bool Passed)>> groups)
    {
        foreach (var group in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var passed = group.Count(o => o.Passed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} {group.Key,-14} {passed,3}/{group.Count(),-3} {100.0 * passed / group.Count(),5:0.0}%"));
        }
    }
}
