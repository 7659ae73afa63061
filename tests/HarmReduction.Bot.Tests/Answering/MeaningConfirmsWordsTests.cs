using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Answering;

/// <summary>
/// Spanish is ranked on words; when the entry the words lead with also holds the phrasing closest in meaning
/// (<c>Answering:Fusion:ConfirmAt</c>), the two agree and the question is answered rather than fallen back or clarified.
/// </summary>
public sealed class MeaningConfirmsWordsTests
{
    private const string Question = "narcan del 2019 sirve o lo tiro";

    [Fact]
    public async Task A_spanish_question_whose_meaning_confirms_its_words_is_answered()
    {
        using var bot = new TestBotHost();
        await new TestFlow(bot, ChannelProfile.Sms())
            .Send(Question)
            .AssertOutcome(TurnKind.Answer, "naloxona-vencida-es")
            .StartTestAsync();
    }

    [Fact]
    public async Task Without_the_confirmation_the_same_words_alone_are_not_sure_enough()
    {
        using var bot = new TestBotHost(new Dictionary<string, string?> { ["Answering:Fusion:ConfirmAt"] = "1.1" });
        await new TestFlow(bot, ChannelProfile.Sms())
            .Send(Question)
            .AssertOutcome(TurnKind.Fallback)
            .StartTestAsync();
    }

    private const string WeakOnWords = "narcan del 2019 sirve o lo tiro";

    [Fact]
    public async Task Words_that_only_just_lead_are_confirmed_by_a_close_meaning()
    {
        // 0.28 on words, 0.75 from "tiro el narcan si ya esta vencido": above the floor of 0.15 (since stop 34), meaning confirms it.
        using var bot = new TestBotHost();
        await new TestFlow(bot, ChannelProfile.Sms())
            .Send(WeakOnWords)
            .AssertOutcome(TurnKind.Answer, "naloxona-vencida-es")
            .StartTestAsync();
    }

    [Fact]
    public async Task Below_the_words_floor_meaning_confirms_nothing()
    {
        using var bot = new TestBotHost(new Dictionary<string, string?> { ["Answering:Fusion:ConfirmWordsAt"] = "0.3" });
        await new TestFlow(bot, ChannelProfile.Sms())
            .Send(WeakOnWords)
            .AssertOutcome(TurnKind.Fallback)
            .StartTestAsync();
    }
}
