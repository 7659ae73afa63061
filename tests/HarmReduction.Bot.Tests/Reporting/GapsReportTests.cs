using System.Text.RegularExpressions;
using HarmReduction.Bot.Tests.Channels.Sms;
using HarmReduction.Bot.Tests.Harness;
using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Tests.Reporting;

/// <summary>The gaps report after real traffic: SMS to the real server on Redis, then the <c>report</c> command.</summary>
public sealed partial class GapsReportTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string AuthToken = "0123456789abcdef0123456789abcdef";

    /// <summary>Fifty messages from eight phones: answers, follow-ups, MORE, "Did you mean" and fallbacks.</summary>
    private static readonly string[][] Script =
    [
        ["where can i get narcan", "1", "more", "how do i use narcan", "where can i get narcan", "is narcan free"],
        ["where can i get narcan", "where can i get narcan", "how do i use narcan", "how do i use narcan", "what are fentanyl test strips", "menu"],
        ["zorblax quimbly frobnication glorpish", "grumtastic wibblethorp snorkelvane", "plimbo vextrane", "quaffle dringwort spanglish", "blorpity zindle", "yarnwhistle kobbleflap"],
        ["donde consigo narcan", "donde consigo narcan", "como uso la naloxona", "que son las tiras de fentanilo", "hola", "donde consigo narcan"],
        ["how do i use narcan", "how do i use narcan", "where can i get narcan", "how long does narcan last", "can i mix xanax and dope", "how do i find treatment"],
        ["is it safe to smoke fent", "where can i get free needles", "where can i get free needles", "how do i clean a wound", "what is xylazine", "zorblax quimbly frobnication glorpish"],
        ["where can i get narcan", "what is xylazine", "what is xylazine", "how do i find treatment", "how do i find treatment", "what is harm reduction"],
        ["whats fent", "where can i get narcan", "how do i use narcan", "how do i use narcan", "how do i find treatment", "hi", "help", "start over"],
    ];

    [Fact]
    public async Task Report_after_fifty_messages_shows_per_entry_counts_and_fallbacks_and_none_of_the_messages_words()
    {
        Assert.Equal(50, Script.Sum(s => s.Length));
        var prefix = "gaps-" + Guid.NewGuid().ToString("N") + ":";
        var settings = new Dictionary<string, string?>
        {
            ["State:Provider"] = "Redis",
            ["State:Redis:Configuration"] = redis.Configuration,
            ["State:Redis:KeyPrefix"] = prefix,
            ["Sms:Twilio:AuthToken"] = AuthToken,
            ["Privacy:HashKey"] = "test-hash-key-that-is-long-enough-0002",
        };
        using (var server = new BotServer(settings))
        {
            await Task.WhenAll(Script.Select(async messages =>
            {
                var phone = new TwilioPhone(server.BaseAddress, AuthToken, TwilioPhone.NewNumber());
                foreach (var message in messages)
                {
                    var response = await phone.SendAsync(message);
                    Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
                }
            }));
        }

        // The server added its counts to Redis when it stopped; the command reads them there, as another process would.
        var environment = new Dictionary<string, string>
        {
            ["State__Provider"] = "Redis",
            ["State__Redis__Configuration"] = redis.Configuration,
            ["State__Redis__KeyPrefix"] = prefix,
        };
        var result = await BotProcess.RunAsync(["report", "--days", "7"], environment: environment);
        var csv = await BotProcess.RunAsync(["report", "--days", "7", "--csv"], environment: environment);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var report = result.Stdout;
        Assert.Matches(@"naloxone-where-to-get\s+en\s+sms\s+\d+", report);
        Assert.Matches(@"naloxone-nasal-how-to\s+en\s+sms\s+\d+", report);
        Assert.Matches(@"\s+es\s+sms\s+", report);
        Assert.Matches(@"en\s+sms\s+fallbacks (\d+|<5); nearly matched: ", report);
        Assert.Contains("Entries not answered in the last 90 days (counted since ", report, StringComparison.Ordinal);
        Assert.Contains("day,lang,channel,metric,entry,count", csv.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}-\d\d-\d\d,en,sms,fallback,,(\d+|<5)", csv.Stdout);

        // None of what people wrote: the only words the report shares with the messages are entry ids and its own labels.
        var allowed = Words(await EmptyReportAsync()).Concat(EntryIdWords()).Concat(MetricWords()).ToHashSet(StringComparer.Ordinal);
        var messageWords = Script.SelectMany(s => s).SelectMany(TextNormalizer.Tokens).ToHashSet(StringComparer.Ordinal);
        var leaked = Words(report + csv.Stdout).Where(w => messageWords.Contains(w) && !allowed.Contains(w)).ToList();
        Assert.True(leaked.Count == 0, "the report contains words of the messages: " + string.Join(", ", leaked));
        foreach (var invented in new[] { "zorblax", "quimbly", "grumtastic", "snorkelvane", "plimbo", "dringwort", "blorpity", "yarnwhistle" })
        {
            Assert.DoesNotContain(invented, report + csv.Stdout, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The report of a store with nothing in it: its labels, headers and every entry id (all unused).</summary>
    private async Task<string> EmptyReportAsync()
    {
        var result = await BotProcess.RunAsync(["report", "--days", "7"], environment: new Dictionary<string, string>
        {
            ["State__Provider"] = "Redis",
            ["State__Redis__Configuration"] = redis.Configuration,
            ["State__Redis__KeyPrefix"] = "empty-" + Guid.NewGuid().ToString("N") + ":",
        });
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout;
    }

    private static IEnumerable<string> EntryIdWords() =>
        Directory.EnumerateFiles(RepoPaths.Knowledge, "*.yaml", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Select(l => IdLine().Match(l))
            .Where(m => m.Success)
            .SelectMany(m => m.Groups[1].Value.Split('-'))
            .Append("opioid").Append("overdose");

    private static IEnumerable<string> Words(string text) => TextNormalizer.Tokens(text);

    /// <summary>The names of what is counted (column headers and the CSV's metric column).</summary>
    private static IEnumerable<string> MetricWords() =>
        typeof(Bot.Reporting.UsageMetrics).GetFields().Where(f => f.IsLiteral).SelectMany(f => Words((string)f.GetRawConstantValue()!)).Append("total").Append("answers");

    [GeneratedRegex(@"^- id: ([a-z0-9-]+)")]
    private static partial Regex IdLine();
}
