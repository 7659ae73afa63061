namespace HarmReduction.Bot.Tests.Channels.DirectLine;

/// <summary>
/// The official npm client, botframework-directlinejs, holds a conversation with our server from node
/// (<c>tests/conformance/directline/conversation.mjs</c>): welcome, question, echo, answer, and a resume from a watermark.
/// </summary>
public sealed class OfficialDirectLineClientTests(DirectLineServer fixture) : IClassFixture<DirectLineServer>
{
    [Theory]
    [InlineData("websocket", "anonymous")]
    [InlineData("polling", "anonymous")]
    [InlineData("websocket", "secret")]
    [InlineData("polling", "secret")]
    public async Task Official_client_holds_a_conversation(string transport, string credential)
    {
        var result = await ConformanceScript.RunAsync(
            Path.Combine("directline", "conversation.mjs"),
            fixture.BaseAddress.ToString(), transport, credential == "secret" ? $"secret={DirectLineServer.Secret}" : credential);

        result.AssertPassed(
            "usedTheRequestedTransport", "welcomeSaysAnonymousAndEmergency", "welcomeHasSuggestedActions", "echoHasServerIdAndClientActivityId",
            "senderIsTheTokensUser", "answerIsAboutNaloxone", "answerHasSuggestedActions", "typingOnlyOnWebSocket", "resumeReplaysFromWatermark");
    }
}
