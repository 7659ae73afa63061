using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Semantic;
using HarmReduction.Bot.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// The encoder runs only where its vector can change the outcome, and at most once per turn (counted with the message
/// cache off, so every encoding shows). No timings are asserted here: docs/performance.md has the measurements.
/// </summary>
public sealed class EncoderSkipTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    public static TheoryData<string> Commands() =>
        [.. CommandRecognizer.AllPhrases, "thank u that helped alot", "ok thank you so much god bless", "gracias me sirvio mucho bendiciones", "thanks for the info bro"];

    /// <summary>Why skipping the net for commands changes nothing: asked anyway, the net finds none of them urgent.</summary>
    [Theory]
    [MemberData(nameof(Commands))]
    public void The_labelled_neighbours_find_no_command_urgent(string command)
    {
        var encoder = engine.Bot.Services.GetRequiredService<SemanticLayer>().Messages!;
        Assert.True(engine.Bot.Snapshot.Safety.HasNet);
        foreach (var typed in new[] { command, command.ToUpperInvariant() + "!", command + "?" })
        {
            var text = MessageNormalizationMiddleware.Normalize(typed);
            var byRules = engine.Bot.Snapshot.Safety.Assess(text);
            var withNet = engine.Bot.Snapshot.Safety.Assess(text, () => encoder.Encode(SemanticText.Prepare(text)));
            Assert.Equal((byRules.Kind, byRules.Rule), (withNet.Kind, withNet.Rule));
            Assert.False(SafetyMiddleware.MayBeASituation(text), typed);
        }
    }

    [Fact]
    public async Task Commands_menu_numbers_and_keywords_are_not_encoded_and_a_question_is_encoded_once()
    {
        using var bot = new TestBotHost(new Dictionary<string, string?> { ["Semantic:MessageCacheSize"] = "0" });
        var encoder = bot.Services.GetRequiredService<SemanticLayer>().Messages!;
        var before = encoder.Encoded;
        await new TestFlow(bot)
            .Send("main menu").AssertOutcome(TurnKind.Meta)
            .Send("1")
            .Send("MORE")
            .Send("tell me more")
            .Send("start over").AssertOutcome(TurnKind.Meta)
            .Send("HELP")
            .Send("Good morning!")
            .StartTestAsync();
        Assert.Equal(before, encoder.Encoded);

        await new TestFlow(bot).Send("how long does naloxone stay in your system").AssertOutcome(TurnKind.Answer).StartTestAsync();
        Assert.Equal(before + 1, encoder.Encoded);

        await new TestFlow(bot).Send("my friend is not breathing").AssertOutcome(TurnKind.Emergency).StartTestAsync();
        Assert.Equal(before + 1, encoder.Encoded);
    }
}
