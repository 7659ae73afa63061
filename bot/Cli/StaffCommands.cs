using System.CommandLine;
using System.Text;
using AnswerComposer = HarmReduction.Bot.Answering.AnswerComposer;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Reporting;
using HarmReduction.Bot.Staff;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Cli;

/// <summary>The staff's review tools: <c>review --due</c>, <c>preview ID</c>, <c>export --csv</c>. They read the knowledge only (no sentence model).</summary>
internal static class StaffCommands
{
    public static Command Review()
    {
        var due = new Option<bool>("--due") { Description = "Only the entries due for review (overdue, or due within --within days)." };
        var within = new Option<int>("--within") { Description = "With --due: also the entries due within this many days.", DefaultValueFactory = _ => 30 };
        var command = new Command("review", "The review queue: each entry's due date (reviewed + review_every), owner, twin and use in the last 30 days, soonest first.") { due, within };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = Host();
            if (Load(host) is not { } knowledge)
            {
                return 1;
            }

            var services = host.Services;
            GapsReport? usage = null;
            if (services.GetRequiredService<IOptions<StateOptions>>().Value.Provider == StateProvider.Memory)
            {
                Console.Error.WriteLine("State:Provider is Memory: use (the last column) comes from the servers' shared store (State__Provider=Redis) or the staff page.");
            }
            else
            {
                usage = await GapsReport.BuildAsync(services.GetRequiredService<UsageStore>(), knowledge, services.GetRequiredService<IOptions<ReportOptions>>().Value, ReviewQueue.UsageDays, cancellationToken);
            }

            var queue = ReviewQueue.Build(knowledge, services.GetRequiredService<UsageStore>().Today, usage);
            Console.Write(parse.GetValue(due) ? queue.ToText(queue.Due(parse.GetValue(within)), parse.GetValue(within)) : queue.ToText(queue.Items, null));
            return 0;
        });
        return command;
    }

    public static Command Preview()
    {
        var id = new Argument<string>("id") { Description = "The id of the entry." };
        var channel = new Option<string>("--channel") { Description = "sms (default) or web.", DefaultValueFactory = _ => "sms" };
        channel.AcceptOnlyFromAmong("sms", "web");
        var command = new Command("preview", "An entry's reply exactly as sent: SMS segments, encoding and replaced characters, the follow-up menu, what MORE brings; or the web markdown and buttons.") { id, channel };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = Host();
            if (Load(host) is not { } knowledge)
            {
                return 1;
            }

            var wanted = parse.GetValue(id)!;
            if (!knowledge.ById.TryGetValue(wanted, out var entry))
            {
                var near = knowledge.Entries.Select(e => e.Id).Where(e => e.Contains(wanted, StringComparison.Ordinal) || Text.EditDistance.Compute(e, wanted, 3) <= 3).Take(5).ToList();
                Console.Error.WriteLine($"no entry has the id '{wanted}'{(near.Count > 0 ? $"; did you mean {string.Join(", ", near)}?" : string.Empty)}");
                return 2;
            }

            var composer = new AnswerComposer(host.Services.GetRequiredService<IOptions<ResourcesOptions>>().Value);
            var maxSegments = host.Services.GetRequiredService<IOptions<Hosting.ChannelOptions>>().Value.MaxSegments;
            var preview = await ReplyPreview.CreateAsync(knowledge, entry, composer, parse.GetValue(channel)!, maxSegments, cancellationToken);
            Console.Write(preview.ToText());
            return 0;
        });
        return command;
    }

    public static Command Export()
    {
        var csv = new Option<bool>("--csv") { Description = "A review sheet: id, language, title, SMS answer, web answer, sources, reviewed, owner (then twin, review due).", Required = true };
        var output = new Option<string?>("--out") { Description = "Write to this file (UTF-8 with a byte-order mark, so Excel shows accents) instead of stdout." };
        var command = new Command("export", "Export the knowledge for people who work in a spreadsheet.") { csv, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = Host();
            if (Load(host) is not { } knowledge)
            {
                return 1;
            }

            var sheet = ReviewSheet.ToCsv(knowledge, host.Services.GetRequiredService<IOptions<ResourcesOptions>>().Value);
            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, sheet, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), cancellationToken);
                Console.Error.WriteLine($"{path}: {knowledge.Entries.Count} entries");
            }
            else
            {
                Console.Write(sheet);
            }

            return 0;
        });
        return command;
    }

    private static IHost Host() =>
        CliHost.Build(c => c.AddInMemoryCollection([new("Semantic:Enabled", "false")]), s => s.AddUsageStore());

    /// <summary>The knowledge folder, parsed and checked (no indexes, no model): the review tools only read it.</summary>
    private static KnowledgeBase? Load(IHost host)
    {
        var path = KnowledgeFolder.Resolve(host.Services.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Path);
        var loaded = host.Services.GetRequiredService<KnowledgeLoader>().Load(path);
        foreach (var error in loaded.Errors)
        {
            Console.Error.WriteLine(error);
        }

        return loaded.Knowledge;
    }
}
