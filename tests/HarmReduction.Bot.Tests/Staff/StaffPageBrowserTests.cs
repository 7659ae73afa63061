using HarmReduction.Bot.Tests.Channels.DirectLine;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Staff;

/// <summary>The staff page in headless Chromium (Debian's, driven by playwright-core from node) against the real server on loopback.</summary>
public sealed class StaffPageBrowserTests
{
    private const string Token = "staff-token-for-the-browser-0123456789";

    [Fact]
    public async Task Staff_type_the_token_see_the_knowledge_version_report_and_queue_and_try_a_question()
    {
        using var server = new BotServer(new Dictionary<string, string?> { ["Staff:Token"] = Token });
        Directory.CreateDirectory(ConformanceScript.Screenshots);

        var result = await ConformanceScript.RunAsync(Path.Combine("webchat", "staff-page.mjs"), server.BaseAddress.ToString(), Token, ConformanceScript.Screenshots);

        result.AssertPassed(
            "cspIsStrict", "lockedAtFirst", "wrongTokenRefused", "knowledgeVersionShown", "statusShown", "reportShown", "reviewQueueShown", "tokenFieldCleared", "tokenFormHidden",
            "replyShown", "explanationShown", "outcomeShown", "noCookies", "nothingStoredInTheBrowser", "nothingFromAnotherOrigin", "noErrors", "lockForgets");
        Assert.True(File.Exists(Path.Combine(ConformanceScript.Screenshots, "staff-page.png")));
    }
}
