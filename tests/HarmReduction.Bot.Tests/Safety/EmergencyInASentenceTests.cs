using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// An emergency told in one sentence of a longer story whose whole meaning is its background and its question. The
/// vectors are set by hand: ordinary examples along the second axis, emergencies along the third. The whole message sits
/// between them; the sentence that tells what is seen sits among the emergencies; the others among the ordinary examples.
/// The rules are the shipped ones and find nothing in these messages.
/// </summary>
public sealed class EmergencyInASentenceTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private const string Seen = "The kitchen tiles are where my sister is lying right here";
    private const string Message = "I came over after my shift at the plant. " + Seen + ". What do I make of that?";

    private static readonly float[] Between = HandSetVectors.Unit(0, 1, 0.8f);

    [Fact]
    public void The_rules_alone_find_nothing_in_the_message() =>
        Assert.Equal(SafetyKind.None, engine.Bot.Snapshot.Safety.Assess(Message).Kind);

    [Fact]
    public void A_sentence_every_neighbour_and_the_read_out_hear_as_an_emergency_makes_the_story_one()
    {
        var assessment = DetectorOver(Options(emergencyAt: 0.5)).Assess(Message, () => Between, vectorOfPart: Parts);

        Assert.Equal(SafetyKind.Emergency, assessment.Kind);
        Assert.Equal(SafetySource.Neighbours, assessment.Source);
        Assert.Equal(Seen, assessment.Vote!.Part);
        Assert.Equal("opioid-overdose", assessment.Rule);
    }

    [Fact]
    public void Without_the_read_out_agreeing_the_sentence_does_not_count()
    {
        var assessment = DetectorOver(Options(emergencyAt: 1.01)).Assess(Message, () => Between, vectorOfPart: Parts);

        Assert.Equal(SafetyKind.None, assessment.Kind);
        Assert.Null(assessment.Vote!.Part);
    }

    [Fact]
    public void Without_its_sentences_heard_the_story_is_not_an_emergency()
    {
        var assessment = DetectorOver(Options(emergencyAt: 0.5)).Assess(Message, () => Between);

        Assert.Equal(SafetyKind.None, assessment.Kind);
    }

    [Theory]
    [InlineData("I came over after my shift at the plant. Last night the kitchen tiles were where my sister lay. What should I make of that?")]
    [InlineData("I came over after my shift at the plant. What if the kitchen tiles are where my sister is lying? What then?")]
    [InlineData("Back in 2019 I came over after my shift at the plant. The kitchen tiles are where my sister is lying. Shes fine now, what should I make of it?")]
    public void A_sentence_told_as_past_or_supposed_or_a_story_over_does_not_count(string message)
    {
        var assessment = DetectorOver(Options(emergencyAt: 0.5)).Assess(message, () => Between, vectorOfPart: part => part.Contains("kitchen", StringComparison.Ordinal) ? OnTheEmergencySide : OnTheOrdinarySide);

        Assert.Equal(SafetyKind.None, assessment.Kind);
    }

    [Fact]
    public void A_story_with_no_emergency_near_it_is_not_heard_sentence_by_sentence()
    {
        var heard = new List<string>();
        var assessment = DetectorOver(Options(emergencyAt: 0.5)).Assess(Message, () => HandSetVectors.Unit(0.3f, 1, 0), vectorOfPart: part =>
        {
            heard.Add(part);
            return Parts(part);
        });

        Assert.Equal(SafetyKind.None, assessment.Kind);
        Assert.Empty(heard);
    }

    private static readonly float[] OnTheEmergencySide = HandSetVectors.Unit(0, 0.05f, 1);

    private static readonly float[] OnTheOrdinarySide = HandSetVectors.Unit(0, 1, 0.05f);

    private static float[] Parts(string part) => part.Trim() == Seen ? OnTheEmergencySide : OnTheOrdinarySide;

    private static SafetyNetOptions Options(double emergencyAt) =>
        HandSetVectors.ReadoutJudges(neighbours: 3, crisisAt: 1.01, crisisWhenAsked: 1.01, emergencyAt);

    private SafetyDetector DetectorOver(SafetyNetOptions options) => HandSetVectors.Detector(engine.Bot.Knowledge.Safety, HandSetVectors.Net(
        [
            new(Situations.None, "ordinary a", HandSetVectors.Unit(0.1f, 1, 0.2f)),
            new(Situations.None, "ordinary b", HandSetVectors.Unit(-0.2f, 1, -0.1f)),
            new(Situations.None, "ordinary c", HandSetVectors.Unit(0.2f, 1, -0.2f)),
            new("opioid-overdose", "emergency a", HandSetVectors.Unit(0.1f, 0.2f, 1)),
            new("opioid-overdose", "emergency b", HandSetVectors.Unit(-0.2f, 0.1f, 1)),
            new("seizure", "emergency c", HandSetVectors.Unit(0.2f, -0.2f, 1)),
        ],
        options));
}
