using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// An example nearly the same as the message decides alone, unless an example of another side is nearly as close: then
/// the neighbours vote as usual. In Spanish the model hears a shared topic (a xylazine wound) more than the signs (fever,
/// confusion), so a wound question sat 0.91 from a sepsis example and 0.87 from a wound question.
/// </summary>
public sealed class SituationNetDecisiveMarginTests
{
    private const string Sepsis = "tengo una herida de xilacina en la pierna, fiebre alta y estoy muy confundido";
    private const string WoundQuestion = "tengo una herida de xilacina en el brazo y se esta poniendo negra, que hago";
    private const string OtherWoundQuestion = "la herida de xilacina se me puso negra en la orilla, como la cuido";

    [Fact]
    public void A_near_example_with_a_rival_nearly_as_close_does_not_decide_alone()
    {
        var vote = NetOf(rivalSimilarity: 0.87f, new SafetyNetOptions { Neighbours = 3 }).Vote(HandSetVectors.Unit(1, 0, 0), "es");

        Assert.False(vote.Decisive);
        Assert.Null(vote.Label);
        Assert.Equal(Sepsis, vote.Neighbours[0].Example.Text);
    }

    [Fact]
    public void Without_a_margin_the_nearest_example_decides()
    {
        var vote = NetOf(rivalSimilarity: 0.87f, new SafetyNetOptions { Neighbours = 3, DecisiveMargin = 0 }).Vote(HandSetVectors.Unit(1, 0, 0), "es");

        Assert.True(vote.Decisive);
        Assert.Equal("sepsis", vote.Label);
    }

    [Fact]
    public void A_near_example_with_its_rivals_further_away_still_decides_alone()
    {
        var vote = NetOf(rivalSimilarity: 0.8f, new SafetyNetOptions { Neighbours = 3 }).Vote(HandSetVectors.Unit(1, 0, 0), "es");

        Assert.True(vote.Decisive);
        Assert.Equal("sepsis", vote.Label);
    }

    private static SituationNet NetOf(float rivalSimilarity, SafetyNetOptions options) => HandSetVectors.Net(
        [
            new("sepsis", Sepsis, HandSetVectors.Unit(0.91f, 0.4146f, 0), "es"),
            new(Situations.None, WoundQuestion, HandSetVectors.Unit(rivalSimilarity, 0, MathF.Sqrt(1 - (rivalSimilarity * rivalSimilarity))), "es"),
            new(Situations.None, OtherWoundQuestion, HandSetVectors.Unit(0.78f, -0.6258f, 0), "es"),
        ],
        options);
}
