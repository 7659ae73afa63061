using System.Diagnostics;
using System.Text.Json;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Channels.DirectLine;

/// <summary>
/// Runs a node script from <c>tests/conformance</c> (official npm clients, headless Chromium) against the server and
/// reads the one JSON line it prints: <c>{"ok", "checks": {name: true|false}, ...}</c>.
/// </summary>
internal static class ConformanceScript
{
    public static string Conformance => Path.Combine(RepoPaths.Root, "tests", "conformance");

    /// <summary>Where browser tests keep their screenshots (next to the test binaries, ignored by git).</summary>
    public static string Screenshots => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<ScriptResult> RunAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Conformance,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Conformance, script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start (tests/test.sh installs it).");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
        var json = line is null ? default : JsonDocument.Parse(line).RootElement.Clone();
        return new ScriptResult(process.ExitCode, json, output, await stderr);
    }
}
