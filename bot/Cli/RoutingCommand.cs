using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Routing;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Cli;

/// <summary>
/// <c>validate --routing</c>: the routing self-test over a knowledge folder. Every collision is listed as
/// <c>file:line:col: routing: ...</c> (or <c>routing (accepted)</c> when routing-accepted.yaml lists it); exit 1 when
/// one is not accepted. <c>--update-accepted</c> rewrites routing-accepted.yaml to today's collisions.
/// </summary>
internal static class RoutingCommand
{
    private static readonly JsonSerializerOptions Quoted = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(string folder, bool updateAccepted, CancellationToken cancellationToken)
    {
        using var host = CliHost.Build(c => c.AddInMemoryCollection([new("Knowledge:Path", folder)]));
        if (!CliHost.TryLoadKnowledge(host))
        {
            return 1;
        }

        var snapshot = host.Services.GetRequiredService<KnowledgeProvider>().Current;
        var report = await RunAsync(host.Services, cancellationToken);
        foreach (var collision in report.Collisions.OrderBy(c => c.Accepted is not null).ThenBy(c => c.At.File, StringComparer.Ordinal).ThenBy(c => c.At.Line))
        {
            Console.WriteLine(collision);
        }

        foreach (var urgent in report.Urgent.OrderBy(u => u.At.File, StringComparer.Ordinal).ThenBy(u => u.At.Line))
        {
            Console.WriteLine(urgent);
        }

        foreach (var stale in report.Stale)
        {
            Console.WriteLine($"{stale.Position}: warning: accepted route of '{stale.Question}' ({stale.Entry} -> {stale.GoesTo}) no longer happens; delete it");
        }

        Console.Error.WriteLine(Summary(report));
        if (updateAccepted)
        {
            var path = Path.Combine(folder, AcceptedRoutes.FileName);
            await File.WriteAllTextAsync(path, AcceptedFile(report, snapshot.Knowledge.AcceptedRoutes), cancellationToken);
            Console.Error.WriteLine($"{path}: {report.Collisions.Count} accepted route(s) written");
            return 0;
        }

        return report.New.Count == 0 ? 0 : 1;
    }

    /// <summary>The self-test through the engine these services run (the server's, the CLI's or a test's).</summary>
    public static Task<RoutingReport> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var runner = new QuestionRunner(services.GetRequiredService<TurnPipeline>(), services.GetRequiredService<IOptions<Hosting.ChannelOptions>>());
        var encoder = services.GetRequiredService<Semantic.SemanticLayer>().Messages;
        var check = new RoutingCheck(runner, services.GetRequiredService<KnowledgeProvider>().Current, services.GetRequiredService<ConfidenceBands>(),
            encoder is null ? null : text => encoder.Encode(Semantic.SemanticText.Prepare(text)));
        return check.RunAsync(cancellationToken);
    }

    public static string Summary(RoutingReport report)
    {
        var byKind = report.Collisions.GroupBy(c => c.GoesTo switch
        {
            AcceptedRoutes.DidYouMean => "ask \"Did you mean\"",
            AcceptedRoutes.Fallback => "fall back",
            "meta" => "are steering words",
            _ => "go to another entry",
        }).Select(g => $"{g.Count()} {g.Key}");
        var stale = report.Stale.Count > 0 ? $" {report.Stale.Count} accepted route(s) no longer happen." : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"Routing: {report.Phrasings} listed phrasings; {report.Home} answered by their own entry, {report.Safety.Count} by the safety check first (by design), {report.Collisions.Count} collisions ({string.Join(", ", byKind)}): {report.Collisions.Count - report.New.Count} accepted in {AcceptedRoutes.FileName}, {report.New.Count} new. {report.Urgent.Count} warning(s): phrasings that sound like an emergency or a crisis.{stale}");
    }

    private static string AcceptedFile(RoutingReport report, AcceptedRoutes previous)
    {
        var text = new StringBuilder();
        text.Append("""
            # Listed phrasings that another entry answers (or that ask "Did you mean", or fall back), accepted as they are for now.
            # `validate --routing` lists every collision with its winner and strongest pull, and fails only on those not listed
            # here, so a new one stands out. To fix one: move or reword the phrasing (or the keyword or synonym that pulls it
            # away), run `validate --routing` again, and delete its item here. After a change to the ranker, a developer
            # regenerates this file with `validate --routing --update-accepted` (notes are kept).
            #
            # entry: the entry that lists the question; goes_to: the entry that answers it instead, did-you-mean or fallback.
            """).Append("\n\n");
        foreach (var collision in report.Collisions.Where(c => c.GoesTo != "meta").OrderBy(c => c.At.File, StringComparer.Ordinal).ThenBy(c => c.At.Line))
        {
            text.Append(CultureInfo.InvariantCulture, $"- entry: {collision.Entry.Id}\n  question: {Quote(collision.Question)}\n  goes_to: {collision.GoesTo}\n");
            if (previous.Find(collision.Entry.Id, collision.Question)?.Note is { } note)
            {
                text.Append(CultureInfo.InvariantCulture, $"  note: {Quote(note)}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>A JSON string is a valid YAML double-quoted scalar.</summary>
    private static string Quote(string text) => JsonSerializer.Serialize(text, Quoted);
}
