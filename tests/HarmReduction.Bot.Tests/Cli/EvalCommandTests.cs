using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Cli;

public sealed class EvalCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "hrb-eval-" + Guid.NewGuid().ToString("N") + ".yaml");

    [Fact]
    public async Task Eval_scores_each_rule_and_reports_rates_per_group_and_kind()
    {
        File.WriteAllText(_file, """
            - id: od-1
              q: "hes not breathing"
              channel: sms
              kind: emergency
              any_of: [["911"], ["naloxone", "narcan"]]
            - id: od-2
              q: "where can i get narcan"
              channel: sms
              kind: answer
              any_of: [["pharmac", "program", "health department"]]
            - id: nalox-1
              q: "where can i get narcan"
              channel: web
              kind: emergency
              any_of: [["naloxone"]]
            - id: nalox-2
              q: "is narcan the same as naloxone"
              channel: sms
              kind: answer
              any_of: [["naloxone"]]
              none_of: ["naloxone"]
            """);

        var result = await BotProcess.RunAsync(["eval", _file]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("FAIL nalox-1 [web] kind=answer", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("expected emergency", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL nalox-2 [sms]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("contains forbidden 'naloxone'", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL od-", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"group od\s+2/2\s+100\.0%", result.Stdout);
        Assert.Matches(@"group nalox\s+0/2\s+0\.0%", result.Stdout);
        Assert.Matches(@"kind emergency\s+1/2\s+50\.0%", result.Stdout);
        Assert.EndsWith("overall 2/4 50.0% (strict)", result.Stdout.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_is_strict_a_false_alarm_or_a_wrong_entry_fails_even_with_the_right_words()
    {
        File.WriteAllText(_file, """
            - id: q-1
              q: "my friend is not breathing"
              channel: sms
              kind: answer
              any_of: [["911"]]
            - id: q-2
              q: "where can i get narcan"
              channel: sms
              kind: answer
              entry: fentanyl-test-strips-how-to
              any_of: [["naloxone", "narcan"]]
            - id: q-3
              q: "my friend is not breathing"
              channel: sms
              kind: emergency
              any_of: [["911"]]
            """);

        var result = await BotProcess.RunAsync(["eval", _file]);

        Assert.Contains("FAIL q-1 [sms] kind=emergency", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("false alarm", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL q-2 [sms] kind=answer entry=naloxone-where-to-get", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("expected fentanyl-test-strips-how-to", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("false alarms 1 of 2 ordinary messages", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("wrong entry 1 of 1 items that name one", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"recall emergency en\s+1/1\s+100\.0%", result.Stdout);
        Assert.EndsWith("overall 1/3 33.3% (strict)", result.Stdout.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_exits_1_below_the_minimum()
    {
        File.WriteAllText(_file, """
            - id: x-1
              q: "whats the capital of australia"
              channel: sms
              kind: answer
              any_of: [["canberra"]]
            """);

        var result = await BotProcess.RunAsync(["eval", _file, "--min", "50"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("overall 0/1 0.0%", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("realistic.yaml")]
    [InlineData("second.yaml")]
    public async Task The_shipped_question_sets_pass_their_bar_with_every_emergency_and_crisis(string file)
    {
        var result = await BotProcess.RunAsync(["eval", Path.Combine(RepoPaths.Root, "tests", "eval", file), "--min", "90"]);

        Assert.True(result.ExitCode == 0, result.Stdout);
        Assert.Matches(@"kind emergency\s+(\d+)/\1\s+100\.0%", result.Stdout);
        Assert.Matches(@"kind crisis\s+(\d+)/\1\s+100\.0%", result.Stdout);
    }

    public void Dispose() => File.Delete(_file);
}
