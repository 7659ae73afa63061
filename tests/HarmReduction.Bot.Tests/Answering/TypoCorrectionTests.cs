using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Answering;

/// <summary>Typos are corrected to words the knowledge base uses; the ways people address a friend are left as typed.</summary>
public sealed class TypoCorrectionTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Theory]
    [InlineData("parce como consigo naloxona", "es", "parce como consigo naloxona")]
    [InlineData("che donde consigo naloxona", "es", "che donde consigo naloxona")]
    [InlineData("wey donde hay tiras de fentanilo", "es", "wey donde hay tiras de fentanilo")]
    [InlineData("como consigo naloxna", "es", "como consigo naloxona")]
    public void Corrects_typos_but_not_a_friend_addressed(string message, string language, string expected)
    {
        var index = new KnowledgeIndex(engine.Bot.Snapshot.Knowledge, RankingWeights.Default);

        Assert.Equal(expected, index.CorrectTypos(message, language));
    }
}
