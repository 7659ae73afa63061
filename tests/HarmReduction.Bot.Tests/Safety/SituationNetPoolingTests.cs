using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// How the kinds of emergency vote: together as one side in a pooled language, each for itself otherwise, and in a
/// language pooled only in statements, together unless the message asks something. Vectors are set by hand so the
/// neighbours are known: two kinds of emergency (0.9 and 0.85 alike) against one near miss (0.8 alike).
/// </summary>
public sealed class SituationNetPoolingTests
{
    private static readonly float[] Message = HandSetVectors.Unit(1, 0, 0);

    [Theory]
    [InlineData("en", false, "swallowed")]
    [InlineData("en", true, "swallowed")]
    [InlineData("es", false, "swallowed")]
    [InlineData("es", true, null)]
    [InlineData("fr", false, null)]
    public void Emergency_kinds_vote_together_where_pooled(string language, bool framedAsQuestion, string? expected)
    {
        var net = NetOf(new SafetyNetOptions { Neighbours = 3, VoteShare = 0.6, PoolEmergencies = "en", PoolEmergenciesInStatements = "es", DecisiveSimilarity = 1.01 });

        var vote = net.Vote(Message, language, framedAsQuestion);

        Assert.Equal(expected, vote.Label);
        Assert.Equal(3, vote.Neighbours.Count);
    }

    private static SituationNet NetOf(SafetyNetOptions options) => HandSetVectors.Net(
        [
            new("swallowed", "swallowed example", HandSetVectors.Unit(0.9f, 0.436f, 0), "es"),
            new("cardiac-arrest", "cardiac example", HandSetVectors.Unit(0.85f, 0, 0.527f), "es"),
            new(Situations.None, "near miss example", HandSetVectors.Unit(0.8f, -0.6f, 0), "es"),
        ],
        options);
}
