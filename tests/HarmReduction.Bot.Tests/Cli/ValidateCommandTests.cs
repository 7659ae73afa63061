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
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("OK: ", result.Stderr, StringComparison.Ordinal);
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
