using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// An overdose taken on purpose is a crisis too: when neither the crisis examples nor the taken-on-purpose ones reach the
/// share alone, together they do, and the stronger names the vote; never for a message that asks something. Vectors are
/// set by hand: a crisis and a taken-on-purpose example against one near miss, each about a third of the vote.
/// </summary>
public sealed class SituationNetCrisisTests
{
    private static readonly float[] Message = HandSetVectors.Unit(1, 0, 0);

    [Theory]
    [InlineData(0.90f, 0.88f, false, "crisis")]
    [InlineData(0.88f, 0.90f, false, "intentional-overdose")]
    [InlineData(0.90f, 0.88f, true, null)]
    public void Crisis_and_an_overdose_taken_on_purpose_vote_together(float crisis, float taken, bool framedAsQuestion, string? expected)
    {
        var net = NetOf(crisis, taken, alsoCrisis: ["intentional-overdose"]);

        var vote = net.Vote(Message, "en", framedAsQuestion);

        Assert.Equal(expected, vote.Label);
    }

    [Fact]
    public void A_near_miss_nearer_than_both_keeps_them_from_voting_together()
    {
        // The near miss is 0.92 alike; the crisis and taken-on-purpose examples 0.90 and 0.88 hold two thirds of the vote.
        var net = HandSetVectors.Net(
            [
                new(Situations.Crisis, "crisis example", HandSetVectors.Unit(0.90f, MathF.Sqrt(1 - (0.90f * 0.90f)), 0)),
                new("intentional-overdose", "taken example", HandSetVectors.Unit(0.88f, 0, MathF.Sqrt(1 - (0.88f * 0.88f)))),
                new(Situations.None, "near miss example", HandSetVectors.Unit(0.92f, -MathF.Sqrt(1 - (0.92f * 0.92f)), 0)),
            ],
            new SafetyNetOptions { Neighbours = 3, VoteShare = 0.6, MinSimilarity = 0.5, PoolEmergencies = "en", DecisiveSimilarity = 1.01, OrdinaryMargin = 1 },
            alsoCrisis: ["intentional-overdose"]);

        Assert.Null(net.Vote(Message, "en").Label);
    }

    [Fact]
    public void Without_kinds_that_are_also_a_crisis_the_split_vote_names_nothing()
    {
        var net = NetOf(0.90f, 0.88f, alsoCrisis: []);

        Assert.Null(net.Vote(Message, "en").Label);
    }

    private static SituationNet NetOf(float crisis, float taken, IEnumerable<string> alsoCrisis) => HandSetVectors.Net(
        [
            new(Situations.Crisis, "crisis example", HandSetVectors.Unit(crisis, MathF.Sqrt(1 - (crisis * crisis)), 0)),
            new("intentional-overdose", "taken example", HandSetVectors.Unit(taken, 0, MathF.Sqrt(1 - (taken * taken)))),
            new(Situations.None, "near miss example", HandSetVectors.Unit(0.85f, -0.527f, 0)),
        ],
        new SafetyNetOptions { Neighbours = 3, VoteShare = 0.6, MinSimilarity = 0.5, PoolEmergencies = "en", DecisiveSimilarity = 1.01 },
        alsoCrisis: alsoCrisis);
}
