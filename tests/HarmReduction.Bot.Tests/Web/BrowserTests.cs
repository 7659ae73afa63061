using HarmReduction.Bot.Tests.Channels.DirectLine;

namespace HarmReduction.Bot.Tests.Web;

/// <summary>Headless Chromium (Debian's) driven by playwright-core from node, against the real server on loopback.</summary>
public sealed class BrowserTests(DirectLineServer fixture) : IClassFixture<DirectLineServer>
{
    [Fact]
    public async Task Our_page_answers_follows_a_suggested_action_reconnects_and_quick_exits()
    {
        var result = await ConformanceScript.RunAsync(Path.Combine("webchat", "our-page.mjs"), fixture.BaseAddress.ToString(), ConformanceScript.Screenshots);

        result.AssertPassed(
            "cspIsStrict", "pageUnder50KB", "welcomeSaysAnonymousAutomatedAndEmergency", "answerShown", "markdownRendered", "linksAreSafe",
            "suggestedActionAnswered", "typedMarkupStaysText", "noCookies", "quickExitLands", "quickExitLeavesNoHistory", "escapeTwiceExits", "quickExitInAnIframeLeavesTheWholeTab",
            "markdownKeepsOnlySafeElements", "reconnectsAfterNetworkLoss", "fallsBackToPolling", "nothingFromAnotherOrigin");
        Assert.True(File.Exists(Path.Combine(ConformanceScript.Screenshots, "our-page-answer.png")));
    }

    [Fact]
    public async Task Official_web_chat_bundle_shows_our_answer_and_suggested_actions()
    {
        var result = await ConformanceScript.RunAsync(
            Path.Combine("webchat", "official-webchat.mjs"), fixture.BaseAddress.ToString(), DirectLineServer.Secret, ConformanceScript.Screenshots);

        result.AssertPassed(
            "siteIsAnotherOrigin", "welcomeShown", "answerShown", "suggestedActionsRendered", "suggestedActionAnswered", "noCorsOrNetworkFailures");
        Assert.True(File.Exists(Path.Combine(ConformanceScript.Screenshots, "official-webchat-answer.png")));
    }
}
