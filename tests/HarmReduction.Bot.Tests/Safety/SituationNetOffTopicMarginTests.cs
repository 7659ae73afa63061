using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// A message about another subject clearly nearer to an off-topic example than to anything else is off-topic, whatever the
/// questions further off share: "mi cel no carga aunque lo conecte, qué le hago" was 0.86 from "mi celular no carga que
/// hago" and 0.68 from four knowledge phrasings that share only "como le hago", which together held the vote.
/// </summary>
public sealed class SituationNetOffTopicMarginTests
{
    private static readonly float[] Message = HandSetVectors.Unit(1, 0, 0);

    [Fact]
    public void Without_a_margin_the_questions_further_off_outvote_the_nearest_off_topic_example()
    {
        var vote = Net(offTopicMargin: 1).Vote(Message, "es");

        Assert.Null(vote.Label);
    }

    [Fact]
    public void With_the_margin_the_nearest_off_topic_example_settles_it()
    {
        var vote = Net(offTopicMargin: 0.08).Vote(Message, "es");

        Assert.Equal(Situations.OffTopic, vote.Label);
    }

    [Fact]
    public void A_question_nearly_as_close_keeps_the_vote_open()
    {
        var vote = Net(offTopicMargin: 0.08, questionSimilarity: 0.8f).Vote(Message, "es");

        Assert.NotEqual(Situations.OffTopic, vote.Label);
    }

    [Fact]
    public void A_crisis_nearly_as_close_is_not_silenced()
    {
        var vote = Net(offTopicMargin: 0.08, questionSimilarity: 0.6f, crisisSimilarity: 0.82f).Vote(Message, "es");

        Assert.NotEqual(Situations.OffTopic, vote.Label);
    }

    [Fact]
    public void An_off_topic_example_that_is_not_alike_at_all_does_not_settle_it()
    {
        var vote = Net(offTopicMargin: 0.08, offTopicSimilarity: 0.45f, questionSimilarity: 0.3f, crisisSimilarity: 0.2f).Vote(Message, "es");

        Assert.NotEqual(Situations.OffTopic, vote.Label);
    }

    private static SituationNet Net(double offTopicMargin, float offTopicSimilarity = 0.86f, float questionSimilarity = 0.68f, float crisisSimilarity = 0.5f) => HandSetVectors.Net(
        [
            new(Situations.OffTopic, "mi celular no carga que hago", HandSetVectors.At(offTopicSimilarity, 0), "es"),
            new(Situations.None, "como le hacen para no pasarse", HandSetVectors.At(questionSimilarity, 1), "es"),
            new(Situations.None, "ya no quiero usar como le hago", HandSetVectors.At(questionSimilarity - 0.005f, 2), "es"),
            new(Situations.None, "como hago que salga la vena", HandSetVectors.At(questionSimilarity - 0.01f, 3), "es"),
            new(Situations.Crisis, "ya no aguanto mas, no se que hacer", HandSetVectors.At(crisisSimilarity, 4), "es"),
        ],
        new SafetyNetOptions { Neighbours = 5, OffTopicMargin = offTopicMargin });
}
