using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Answering;

/// <summary>
/// Typos are corrected to words the knowledge base uses; the ways people address a friend, and real words no entry uses
/// (a verb with its pronoun, a day, an inflection, a compound), are left as typed.
/// </summary>
public sealed class TypoCorrectionTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Theory]
    [InlineData("parce como consigo naloxona", "es", "parce como consigo naloxona")]
    [InlineData("che donde consigo naloxona", "es", "che donde consigo naloxona")]
    [InlineData("wey donde hay tiras de fentanilo", "es", "wey donde hay tiras de fentanilo")]
    [InlineData("como consigo naloxna", "es", "como consigo naloxona")]
    [InlineData("ya no aguanto los pensamientos de matarme", "es", "ya no aguanto los pensamientos de matarme")]
    [InlineData("mi amigo se desmayo el sabado y llevaron su carro", "es", "mi amigo se desmayo el sabado y llevaron su carro")]
    [InlineData("how do i use naloxne after a movie", "en", "how do i use naloxone after a movie")]
    [InlineData("just tying up loose ends after breakfast", "en", "just tying up loose ends after breakfast")]
    public void Corrects_typos_but_not_a_friend_addressed(string message, string language, string expected)
    {
        var index = new KnowledgeIndex(engine.Bot.Snapshot.Knowledge, RankingWeights.Default);

        Assert.Equal(expected, index.CorrectTypos(message, language));
    }
}
