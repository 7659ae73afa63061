using System.Diagnostics;

namespace HarmReduction.Bot.Tests.Harness;

/// <summary>Runs the built bot executable as a separate process, the way a person or a script runs the CLI.</summary>
public static class BotProcess
{
    /// <summary>The bot as built for this test run: the referenced executable is copied next to the tests with its runtime config.</summary>
    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "HarmReduction.Bot.dll");

    public static async Task<ProcessResult> RunAsync(IEnumerable<string> args, string? stdin = null, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        // A guard against a hung process, not a timing: a fresh checkout encodes the knowledge vectors on first use.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);
