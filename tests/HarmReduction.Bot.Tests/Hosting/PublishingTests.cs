using System.Net;
using System.Text.RegularExpressions;
using HarmReduction.Bot.Tests.Harness;
using HarmReduction.Bot.Tests.Knowledge;

namespace HarmReduction.Bot.Tests.Hosting;

/// <summary>Staff can see what happened to an edit: <c>/readyz</c> names the version served and a refused edit with its position.</summary>
public sealed partial class PublishingTests : IDisposable
{
    private readonly KnowledgeFolderBuilder _folder = new();

    [Fact]
    public async Task A_refused_edit_shows_on_readyz_with_its_file_line_col_and_readiness_is_degraded_until_it_is_fixed()
    {
        _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry);
        using var server = new BotServer(new Dictionary<string, string?> { ["Knowledge:Path"] = _folder.Root, ["Knowledge:Watch"] = "true" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var before = await ReadyAsync(http);
        Assert.Equal("Healthy", before.Status);
        var served = Version().Match(before.Text).Groups[1].Value;

        _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("  topic: naloxone", "  topic: naloxone\n\ttitle: tabbed", StringComparison.Ordinal));
        var refused = await EventuallyAsync(http, r => r.Text.Contains("refused:", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, refused.Code);
        Assert.Equal("Degraded", refused.Status);
        Assert.True(refused.Text.Contains($"refused: {_folder.Display("en/naloxone.yaml")}:4:1: a tab character in indentation", StringComparison.Ordinal), refused.Text);
        Assert.Equal(served, Version().Match(refused.Text).Groups[1].Value);

        _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("What naloxone is", "Naloxone, explained", StringComparison.Ordinal));
        var fixedAgain = await EventuallyAsync(http, r => r.Status == "Healthy");

        Assert.DoesNotContain("refused", fixedAgain.Text, StringComparison.Ordinal);
        Assert.NotEqual(served, Version().Match(fixedAgain.Text).Groups[1].Value);
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<Readiness> ReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        return new Readiness(response.StatusCode, text.Split('\n')[0], text);
    }

    /// <summary>Waits (up to 15 s) for the file watcher to deliver; a condition, not a timing assertion.</summary>
    private static async Task<Readiness> EventuallyAsync(HttpClient http, Func<Readiness, bool> condition)
    {
        var last = await ReadyAsync(http);
        for (var i = 0; i < 150 && !condition(last); i++)
        {
            await Task.Delay(100);
            last = await ReadyAsync(http);
        }

        Assert.True(condition(last), "readiness did not change within 15 s:\n" + last.Text);
        return last;
    }

    [GeneratedRegex("version ([0-9a-f]{12})")]
    private static partial Regex Version();

    private sealed record Readiness(HttpStatusCode Code, string Status, string Text);
}
