using System.CommandLine;
using System.Globalization;
using HarmReduction.Bot.Conversation;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Cli;

/// <summary>
/// <c>eval FILE.yaml [--min PCT]</c>: runs a question set with strict scoring and reports pass rates overall, per group,
/// kind and language; emergency and crisis recall per language; false alarms; misses; wrong entries.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A question set (format of shared/eval/dev.yaml)." };
        var min = new Option<double?>("--min") { Description = "Exit 1 when the overall pass rate (percent) is below this." };
        var verbose = new Option<bool>("--verbose") { Description = "Print the reply of every failing item." };
        var jsonl = new Option<string?>("--jsonl") { Description = "Write every item's reply, kind, entry and score to this file, one JSON object a line (to diff two builds)." };
        var command = new Command("eval", "Score the bot on a question set.") { file, min, verbose, jsonl };
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
            var outcomes = new List<(EvalItem Item, EvalFailure? Failure)>();
            await using var perItem = parse.GetValue(jsonl) is { } jsonlPath ? new StreamWriter(jsonlPath) : null;
            foreach (var item in items)
            {
                var result = await runner.AskAsync(item.Q, item.Channel, cancellationToken);
                if (perItem is not null)
                {
                    await perItem.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new EvalItemReply(item.Id, item.Channel, item.Q, result.Outcome.KindName, result.Outcome.EntryId, result.Outcome.Score, result.Reply)));
                }

                var failure = item.Check(result.Reply, result.Outcome.KindName, result.Outcome.EntryId);
                outcomes.Add((item, failure));
                if (failure is not null)
                {
                    Console.WriteLine($"FAIL {item.Id} [{item.Channel}] kind={result.Outcome.KindName} entry={result.Outcome.EntryId ?? "-"} score={result.Outcome.Score?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-"}: {failure.Reason}");
                    if (parse.GetValue(verbose))
                    {
                        Console.WriteLine($"     q: {item.Q}");
                        Console.WriteLine("     reply: " + result.Reply.Replace("\n", "\n            ", StringComparison.Ordinal));
                    }
                }
            }

            Report("group", outcomes.GroupBy(o => o.Item.Group));
            Report("kind", outcomes.GroupBy(o => o.Item.Kind));
            Report("lang", outcomes.GroupBy(o => o.Item.Lang));
            foreach (var group in outcomes.Where(o => o.Item.IsSafetyKind).GroupBy(o => $"{o.Item.Kind} {o.Item.Lang}").OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var caught = group.Count(o => o.Failure?.Kind != EvalFailureKind.Missed);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recall {group.Key,-13} {caught,3}/{group.Count(),-3} {100.0 * caught / group.Count(),5:0.0}%"));
            }

            var ordinary = outcomes.Count(o => !o.Item.IsSafetyKind);
            var falseAlarms = outcomes.Count(o => o.Failure?.Kind == EvalFailureKind.FalseAlarm);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"false alarms {falseAlarms} of {ordinary} ordinary messages ({(ordinary == 0 ? 0 : 100.0 * falseAlarms / ordinary):0.0} per 100)"));
            Console.WriteLine($"missed emergencies and crises {outcomes.Count(o => o.Failure?.Kind == EvalFailureKind.Missed)} of {outcomes.Count(o => o.Item.IsSafetyKind)}");
            var named = outcomes.Count(o => o.Item.Entry is not null);
            if (named > 0)
            {
                Console.WriteLine($"wrong entry {outcomes.Count(o => o.Failure?.Kind == EvalFailureKind.WrongEntry)} of {named} items that name one");
            }

            var passed = outcomes.Count(o => o.Failure is null);
            var rate = outcomes.Count == 0 ? 0 : 100.0 * passed / outcomes.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overall {passed}/{outcomes.Count} {rate:0.0}% (strict)"));
            return parse.GetValue(min) is { } threshold && rate < threshold ? 1 : 0;
        });
        return command;
    }

    private static void Report(string label, IEnumerable<IGrouping<string, (EvalItem Item, EvalFailure? Failure)>> groups)
    {
        foreach (var group in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var passed = group.Count(o => o.Failure is null);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} {group.Key,-14} {passed,3}/{group.Count(),-3} {100.0 * passed / group.Count(),5:0.0}%"));
        }
    }
}

/// <summary>One line of <c>eval --jsonl</c>.</summary>
internal sealed record EvalItemReply(string Id, string Channel, string Q, string Kind, string? Entry, double? Score, string Reply);
