using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// Neighbours far less alike than the nearest example do not vote: "wont be a problem for anybody much longer" was 0.885 from
/// a crisis example and 0.32-0.36 from three questions, and those three outvoted it.
/// </summary>
public sealed class SituationNetVoterGapTests
{
    private static readonly float[] Message = HandSetVectors.Unit(1, 0, 0);

    [Fact]
    public void Far_neighbours_outvote_a_near_crisis_example_when_every_neighbour_votes()
    {
        var vote = Net(voterGap: 1).Vote(Message, "en");

        Assert.False(vote.Decisive);
        Assert.Null(vote.Label);
        Assert.Equal(5, vote.Neighbours.Count);
    }

    [Fact]
    public void Within_the_gap_only_the_near_neighbours_vote()
    {
        var vote = Net(voterGap: 0.35).Vote(Message, "en");

        Assert.Equal(Situations.Crisis, vote.Label);
        Assert.Equal(1, vote.Share);
        Assert.Equal(5, vote.Neighbours.Count);
    }

    [Fact]
    public void Neighbours_within_the_gap_keep_their_vote()
    {
        // The questions at 0.60-0.62 are within 0.35 of the nearest (0.885): they vote, and the crisis does not reach the share.
        var vote = Net(voterGap: 0.35, questionSimilarity: 0.6f).Vote(Message, "en");

        Assert.Null(vote.Label);
    }

    private static SituationNet Net(double voterGap, float questionSimilarity = 0.34f) => HandSetVectors.Net(
        [
            new(Situations.Crisis, "i wont be a problem for anyone much longer", HandSetVectors.Unit(0.885f, 0.4656f, 0)),
            new(Situations.Crisis, "im not going to be around much longer", HandSetVectors.Unit(0.447f, -0.8945f, 0)),
            new(Situations.None, "is there an age limit for naloxone", HandSetVectors.Unit(questionSimilarity + 0.02f, 0, Complement(questionSimilarity + 0.02f))),
            new(Situations.None, "how long does narcan last", HandSetVectors.Unit(questionSimilarity + 0.01f, 0, -Complement(questionSimilarity + 0.01f))),
            new(Situations.None, "where can i get test strips", HandSetVectors.Unit(questionSimilarity, Complement(questionSimilarity) / 2, Complement(questionSimilarity) * 0.866f)),
        ],
        new SafetyNetOptions { Neighbours = 5, VoterGap = voterGap });

    private static float Complement(float similarity) => MathF.Sqrt(1 - (similarity * similarity));
}
