using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// An ordinary question clearly nearer than any emergency is not outvoted by emergencies further off: "my heart kind of
/// flutters for a while after i smoke, it goes away. should i be worried long term" was 0.73 from a question about a tight
/// chest after smoking and 0.55-0.59 from four emergencies of three kinds, which together took 76% of the vote.
/// </summary>
public sealed class SituationNetOrdinaryMarginTests
{
    private static readonly float[] Message = HandSetVectors.Unit(1, 0, 0);

    [Fact]
    public void Without_a_margin_emergencies_further_off_outvote_the_nearest_question()
    {
        var vote = Net(ordinaryMargin: 1).Vote(Message, "en");

        Assert.Equal("overdosing-alone", vote.Label);
    }

    [Fact]
    public void With_the_margin_the_nearest_question_settles_it()
    {
        var vote = Net(ordinaryMargin: 0.1).Vote(Message, "en");

        Assert.Null(vote.Label);
        Assert.Equal(Situations.None, vote.Neighbours[0].Example.Label);
    }

    [Fact]
    public void An_emergency_nearly_as_close_as_the_question_still_votes()
    {
        var vote = Net(ordinaryMargin: 0.1, questionSimilarity: 0.65f).Vote(Message, "en");

        Assert.Equal("overdosing-alone", vote.Label);
    }

    private static SituationNet Net(double ordinaryMargin, float questionSimilarity = 0.73f) => HandSetVectors.Net(
        [
            new(Situations.None, "my chest gets tight sometimes after i smoke, is that something to worry about", HandSetVectors.At(questionSimilarity, 0)),
            new("overdosing-alone", "my chest feels heavy and i keep forgetting to breathe, i smoked fent", HandSetVectors.At(0.59f, 1)),
            new("chest-pain", "im on methadone and having chest pain and my heart is fluttering", HandSetVectors.At(0.58f, 2)),
            new("stimulant-overamp", "been smoking crack all night and my heart is going crazy", HandSetVectors.At(0.57f, 3)),
            new("overdosing-alone", "im alone in my car and i cant feel my body after smoking", HandSetVectors.At(0.55f, 4)),
        ],
        new SafetyNetOptions { Neighbours = 5, OrdinaryMargin = ordinaryMargin });
}
