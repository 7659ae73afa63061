using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Answering;

/// <summary>
/// An entry the message names by no topic word and is not close to in meaning is dropped (small talk falls back), unless
/// the message's words themselves made it a strong candidate: the model does not read slang the synonyms do.
/// </summary>
public sealed class WordsAnchorTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Theory]
    [InlineData("he od last night, what should i watch for today", "overdose-survivor-care")]
    public async Task Several_words_that_point_at_an_entry_anchor_it_when_the_meaning_is_far(string message, string entry)
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send(message)
            .AssertOutcome(TurnKind.Answer, entry)
            .StartTestAsync();
    }

    [Theory]
    [InlineData("necesito trabajo")]
    [InlineData("cuanto cuesta un vuelo a guadalajara en diciembre")]
    public async Task One_word_in_common_is_no_anchor(string message)
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send(message)
            .AssertOutcome(TurnKind.Fallback)
            .StartTestAsync();
    }
}
