using System.Text.Json;

namespace HarmReduction.Bot.Tests.Channels.DirectLine;

/// <summary>What a conformance script printed and how it exited.</summary>
internal sealed record ScriptResult(int ExitCode, JsonElement Json, string Stdout, string Stderr)
{
    /// <summary>The checks that did not pass, for a failure message that says what broke.</summary>
    public string Failures => Json.ValueKind != JsonValueKind.Object
        ? $"no JSON result; stdout: {Stdout}\nstderr: {Stderr}"
        : string.Join("; ", Json.GetProperty("checks").EnumerateObject().Where(c => c.Value.ValueKind != JsonValueKind.True).Select(c => c.Name))
            + (Json.TryGetProperty("error", out var error) ? $"; error: {error}" : string.Empty)
            + $"\nresult: {Json}\nstderr: {Stderr}";

    public void AssertPassed(params string[] requiredChecks)
    {
        Assert.True(ExitCode == 0 && Json.ValueKind == JsonValueKind.Object && Json.GetProperty("ok").GetBoolean(), Failures);
        var checks = Json.GetProperty("checks");
        foreach (var name in requiredChecks)
        {
            Assert.True(checks.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True, $"check {name} missing or failed: {Failures}");
        }
    }
}
