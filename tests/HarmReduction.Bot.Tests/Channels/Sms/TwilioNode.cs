using System.Diagnostics;
using System.Text.Json;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Channels.Sms;

/// <summary>Runs <c>tests/conformance/sms/twilio-signature.mjs</c>, which uses the official npm <c>twilio</c> library.</summary>
internal static class TwilioNode
{
    private static string Script => Path.Combine(RepoPaths.Root, "tests", "conformance", "sms", "twilio-signature.mjs");

    public static async Task<JsonElement> RunAsync(string stdin, params string[] args)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.GetDirectoryName(Script)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"node {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        return JsonDocument.Parse(await stdout).RootElement.Clone();
    }
}
