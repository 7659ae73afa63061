using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// First-person crisis phrases are also read as someone else reports them: "he wishes he never woke up" is "i wish i never
/// woke up" told by a parent. A phrase with no first-person word is anyone's already and gets no variant.
/// </summary>
public sealed class ReportedSpeechTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public void An_english_phrase_is_read_in_each_third_person()
    {
        var variants = ReportedSpeech.ThirdPersonOf(["i", "dont", "want", "to", "be", "here"], "en").Select(v => string.Join(' ', v)).ToList();

        Assert.Equal(["he doesnt want to be here", "she doesnt want to be here", "they dont want to be here"], variants);
    }

    [Fact]
    public void A_spanish_phrase_is_read_with_se_and_su()
    {
        var variants = ReportedSpeech.ThirdPersonOf(["me", "quiero", "quitar", "la", "vida", "con", "mis", "pastillas"], "es").Select(v => string.Join(' ', v)).ToList();

        Assert.Equal(["se quiere quitar la vida con sus pastillas"], variants);
    }

    [Theory]
    [InlineData("take all the pills", "en")]
    [InlineData("no hay salida", "es")]
    [InlineData("i wish i never woke up", "fr")]
    public void A_phrase_without_a_first_person_word_or_in_another_language_has_no_variant(string phrase, string language) =>
        Assert.Empty(ReportedSpeech.ThirdPersonOf(phrase.Split(' '), language));

    [Theory]
    [InlineData("our 16 year old told me tonight he wishes he never woke up after his last overdose", true)]
    [InlineData("my roommate slit her wrists in the bathtub, what do i do", true)]
    [InlineData("my brother gave his dog tags to his son today", false)]
    [InlineData("que le cuide a su perro, tiene pastillas en su depa", true)]
    public void Reported_crisis_words_raise_the_alarm_but_not_with_words_between(string message, bool alarm) =>
        Assert.Equal(alarm, engine.Bot.Snapshot.Safety.Assess(message).Kind != SafetyKind.None);
}
