using System.CommandLine;
using System.Net.Http.Headers;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Reporting;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Cli;

/// <summary>
/// <c>report [--days N] [--csv] [--server URL]</c>: the gaps report from the daily counts in the state store (Redis, as
/// the servers share it), or from a running server's staff page when its counts live in its memory.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "How many days back, today included (at most Report:RetentionDays).", DefaultValueFactory = _ => 30 };
        var csv = new Option<bool>("--csv") { Description = "Every count as CSV: day,lang,channel,metric,entry,count." };
        var server = new Option<Uri?>("--server")
        {
            Description = "Read the report from a running server's staff page (https://host), with the token in Staff__Token.",
            CustomParser = result => Uri.TryCreate(result.Tokens[0].Value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? url
                : Fail(result, $"--server needs an http or https address, not '{result.Tokens[0].Value}'"),
        };
        var command = new Command("report", "The gaps report: answers per entry, fallbacks and what they nearly matched, \"Did you mean\" outcomes, entries never used. Counts only.") { days, csv, server };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = parse.GetValue(csv) ? "csv" : "text";
            using var host = CliHost.Build(c => c.AddInMemoryCollection([new("Semantic:Enabled", "false")]), s => s.AddUsageStore().AddSingleton<UnknownWords>());
            if (parse.GetValue(server) is { } url)
            {
                return await FromServerAsync(url, parse.GetValue(days), format, host.Services.GetRequiredService<IConfiguration>()["Staff:Token"], cancellationToken);
            }

            if (host.Services.GetRequiredService<IOptions<StateOptions>>().Value.Provider == StateProvider.Memory)
            {
                Console.Error.WriteLine("State:Provider is Memory: a server keeps its counts in its own memory, which this command cannot see. "
                    + "Use --server https://your-host (with Staff__Token set), or point State__Provider=Redis and State__Redis__Configuration at the servers' Redis.");
            }

            var path = KnowledgeFolder.Resolve(host.Services.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Path);
            var loaded = host.Services.GetRequiredService<KnowledgeLoader>().Load(path);
            if (loaded.Knowledge is null)
            {
                foreach (var error in loaded.Errors)
                {
                    Console.Error.WriteLine(error);
                }

                return 1;
            }

            var report = await GapsReport.BuildAsync(
                host.Services.GetRequiredService<UsageStore>(),
                loaded.Knowledge,
                host.Services.GetRequiredService<IOptions<ReportOptions>>().Value,
                parse.GetValue(days),
                cancellationToken,
                host.Services.GetRequiredService<UnknownWords>());
            Console.Write(format == "csv" ? report.ToCsv() : report.ToText());
            return 0;
        });
        return command;
    }

    private static Uri? Fail(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return null;
    }

    private static async Task<int> FromServerAsync(Uri server, int days, string format, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            Console.Error.WriteLine("--server needs the staff token: set Staff__Token in the environment.");
            return 2;
        }

        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/staff/api/report?days={days}&format={format}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"{server}: {(int)response.StatusCode} {response.ReasonPhrase}");
            return 1;
        }

        Console.Write(await response.Content.ReadAsStringAsync(cancellationToken));
        return 0;
    }
}
