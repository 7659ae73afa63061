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
            "markdownKeepsOnlySafeElements", "reconnectsAfterNetworkLoss", "fallsBackToPolling", "nothingFromAnotherOrigin", "showsNoConnection");
        Assert.True(File.Exists(Path.Combine(ConformanceScript.Screenshots, "our-page-answer.png")));
    }

    [Fact]
    public async Task A_message_sent_offline_waits_says_so_and_is_sent_and_answered_when_the_signal_returns()
    {
        var result = await ConformanceScript.RunAsync(Path.Combine("webchat", "offline.mjs"), fixture.BaseAddress.ToString(), ConformanceScript.Screenshots);

        result.AssertPassed(
            "offlineNoticeSaysItWillSendAndGivesTheEmergencyNumber", "messageWaitsVisibly", "axeFindsNothingOffline",
            "answerArrivesAfterTheSignalIsBack", "messageNoLongerWaiting", "sentOnce", "axeFindsNothingBackOnline",
            "saysStillSendingWhenTheNetworkHoldsIt", "heldMessageIsAnswered", "noScriptErrors", "aLateEchoWasReallyHeld", "lateEchoShowsTheMessageOnce");
    }

    [Fact]
    public async Task Our_page_passes_axe_and_serves_emergencies_spanish_large_text_and_a_blank_quick_exit()
    {
        var result = await ConformanceScript.RunAsync(Path.Combine("webchat", "accessibility.mjs"), fixture.BaseAddress.ToString(), ConformanceScript.Screenshots);

        result.AssertPassed(
            "pageIsNeverStored", "firstPaintSaysAnonymousAutomatedAndEmergency", "firstPaintIsHonestAboutHistory",
            "axeFindsNothingAtStart", "axeFindsNothingAfterAConversation", "axeFindsNothingWithAFailedMessage",
            "axeFindsNothingWithAFailedMessageInDarkMode", "axeFindsNothingInDarkModeAtStart", "axeFindsNothingInDarkModeAfterAnEmergency",
            "axeFindsNothingInSpanish", "tapDoesNotFocusTheInput", "keyboardGoesBackToTheInput",
            "spanishMessageMarkedSpanish", "controlsFollowSpanish", "englishMessageMarkedEnglish", "controlsFollowBackToEnglish",
            "emergencyStandsOut", "emergencyAnnouncedAssertively", "emergencyHasABigCallButton", "emergencyTextLinksTheNumber",
            "pageItselfNeverScrolls", "retryIsAtLeast44pxTall", "retryIsNotUnderTheComposer", "retrySends",
            "spanishVisitorGetsSpanishControls", "spanishVisitorIsGreetedInSpanish",
            "zoom200KeepsQuickExitWholeAndNoSidewaysScroll", "zoom200AnswerHasNoSidewaysScroll", "largestFontKeepsQuickExitWholeAndNoSidewaysScroll",
            "quickExitBlanksAtOnce");
    }

    [Fact]
    public async Task Official_web_chat_with_the_readme_settings_stacks_suggestions_and_an_upload_is_answered_in_words()
    {
        var result = await ConformanceScript.RunAsync(
            Path.Combine("webchat", "official-webchat.mjs"), fixture.BaseAddress.ToString(), DirectLineServer.Secret, ConformanceScript.Screenshots);

        result.AssertPassed(
            "siteIsAnotherOrigin", "welcomeShown", "answerShown", "suggestedActionsRendered", "suggestedActionAnswered", "noCorsOrNetworkFailures",
            "noUploadButton", "suggestedActionsStackedAtLeast44px", "newAnswerTopIsOnScreen",
            "uploadAnsweredCannotSeePhotos", "uploadQuestionStillAnswered", "uploadNotFailed");
        Assert.True(File.Exists(Path.Combine(ConformanceScript.Screenshots, "official-webchat-answer.png")));
    }
}
