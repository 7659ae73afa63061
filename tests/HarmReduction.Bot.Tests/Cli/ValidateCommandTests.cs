using HarmReduction.Bot.Tests.Harness;
using HarmReduction.Bot.Tests.Knowledge;

namespace HarmReduction.Bot.Tests.Cli;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Validate_on_the_shipped_folder_exits_0()
    {
        var result = await BotProcess.RunAsync(["validate"]);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.All(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Contains(": warning: ", line, StringComparison.Ordinal));
        Assert.StartsWith("OK: ", result.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"; \d+ twin pairs; \d+ entries without a twin\.", result.Stderr);
    }

    [Fact]
    public async Task Validate_with_only_warnings_prints_them_and_exits_0()
    {
        using var folder = new KnowledgeFolderBuilder();
        folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry);

        var result = await BotProcess.RunAsync(["validate", folder.Root]);

        // The fixture's one-sentence SMS is full of long words: the reading-level warning the CI test would fail on.
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Equal(
            $"{folder.Display("en/naloxone.yaml")}:1:3: warning: entry 'naloxone-basics' (en) has no Spanish twin\n"
            + $"{folder.Display("en/naloxone.yaml")}:1:3: warning: answer.sms of 'naloxone-basics' reads above grade 6 (grade 14.3); use shorter sentences and everyday words",
            result.Stdout.Trim().ReplaceLineEndings("\n"));
        Assert.Equal("OK: 1 entries (1 en); 0 twin pairs; 1 entries without a twin. 2 warning(s).", result.Stderr.Trim());
    }

    [Fact]
    public async Task An_sms_answer_within_grade_6_gets_no_reading_level_warning()
    {
        using var folder = new KnowledgeFolderBuilder();
        folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("      Naloxone (Narcan) reverses an opioid overdose.\n    web", "      Narcan can bring back a person who stops breathing on opioids. Give it fast.\n    web", StringComparison.Ordinal));

        var result = await BotProcess.RunAsync(["validate", folder.Root]);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.DoesNotContain("grade 6", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("has no Spanish twin", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_stats_prints_the_reading_level_median_and_five_hardest_per_language()
    {
        var result = await BotProcess.RunAsync(["validate", "--stats"]);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Matches(@"Reading level of answer\.sms, en \(Flesch-Kincaid grade level\): median grade \d+\.\d over \d+ answers; hardest:(\n  [a-z0-9-]+: grade -?\d+\.\d){5}", result.Stdout);
        Assert.Matches(@"Reading level of answer\.sms, es \(Fernández-Huerta index, 0-100, higher is easier\): median \d+\.\d \(", result.Stdout);
    }

    [Fact]
    public async Task Validate_on_a_broken_file_prints_file_line_col_and_exits_1()
    {
        using var folder = new KnowledgeFolderBuilder();
        folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("  topic: naloxone", "  topic: naloxone\n  topic: overdose", StringComparison.Ordinal));

        var result = await BotProcess.RunAsync(["validate", folder.Root]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{folder.Display("en/naloxone.yaml")}:4:3: duplicate key 'topic' in the same mapping", result.Stdout.Trim());
    }

    [Fact]
    public async Task The_server_refuses_to_start_on_an_invalid_folder_and_prints_the_same_errors()
    {
        using var folder = new KnowledgeFolderBuilder();
        folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("2026-11-01", "2099-01-01", StringComparison.Ordinal));

        var result = await BotProcess.RunAsync(["--urls", "http://127.0.0.1:0"], environment: new Dictionary<string, string> { ["Knowledge__Path"] = folder.Root });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{folder.Display("en/naloxone.yaml")}:17:13: reviewed 2099-01-01 is in the future", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("will not start", result.Stderr, StringComparison.Ordinal);
    }
}
