using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// A crisis said calmly in one sentence of a message about something else. The whole message's neighbours lean toward a
/// crisis without reaching the share; its sentences are then heard one by one, and one whose neighbours are all crises
/// makes it a crisis. The vectors are set by hand (two dimensions of meaning: a practical question, a crisis; the third
/// keeps the examples apart); the rules are the shipped ones and find nothing in these messages.
/// </summary>
public sealed class CrisisInASentenceTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private const string Message = "If I leave my truck to my nephew can I just tell him? Not much left for me to sort out here.";
    private const string Question = "If I leave my truck to my nephew can I just tell him";
    private const string Calm = "Not much left for me to sort out here";

    private static readonly float[] LeaningToACrisis = HandSetVectors.Unit(1, 1, 0);

    [Fact]
    public void The_rules_alone_find_nothing_in_the_message() =>
        Assert.Equal(SafetyKind.None, engine.Bot.Snapshot.Safety.Assess(Message).Kind);

    [Fact]
    public void A_sentence_whose_neighbours_are_all_crises_makes_a_message_that_leans_toward_one_a_crisis()
    {
        var assessment = Detector().Assess(Message, () => LeaningToACrisis, vectorOfPart: Parts(HandSetVectors.Unit(0, 1, 0.3f)));

        Assert.Equal(SafetyKind.Crisis, assessment.Kind);
        Assert.Equal(Calm, assessment.Vote!.Part);
    }

    [Fact]
    public void Without_its_sentences_heard_the_message_alone_is_not_a_crisis()
    {
        var assessment = Detector().Assess(Message, () => LeaningToACrisis);

        Assert.Equal(SafetyKind.None, assessment.Kind);
        Assert.Null(assessment.Vote!.Label);
    }

    [Fact]
    public void A_message_that_does_not_lean_toward_a_crisis_is_not_heard_sentence_by_sentence()
    {
        var heard = new List<string>();
        var parts = Parts(HandSetVectors.Unit(0, 1, 0.3f));
        var assessment = Detector().Assess(Message, () => HandSetVectors.Unit(1, 0.2f, 0), vectorOfPart: part =>
        {
            heard.Add(part);
            return parts(part);
        });

        Assert.Equal(SafetyKind.None, assessment.Kind);
        Assert.Empty(heard);
    }

    [Fact]
    public void A_sentence_voted_a_crisis_with_a_question_among_its_neighbours_does_not_count()
    {
        var assessment = Detector().Assess(Message, () => LeaningToACrisis, vectorOfPart: Parts(HandSetVectors.Unit(0.7f, 1, 0)));

        Assert.Equal(SafetyKind.None, assessment.Kind);
    }

    private static Func<string, float[]> Parts(float[] calm) => part => part switch
    {
        Question => HandSetVectors.Unit(1, 0, 0),
        Calm => calm,
        _ => throw new ArgumentException($"not a sentence of the message: \"{part}\"", nameof(part)),
    };

    /// <summary>The shipped rules with a net of three questions and five crises, five neighbours voting.</summary>
    private SafetyDetector Detector()
    {
        HandSetVectors.Example[] examples =
        [
            new(Situations.None, "question 1", HandSetVectors.Unit(1, 0.1f, 0)),
            new(Situations.None, "question 2", HandSetVectors.Unit(1, 0, 0.1f)),
            new(Situations.None, "question 3", HandSetVectors.Unit(1, 0.1f, 0.1f)),
            new(Situations.Crisis, "crisis 1", HandSetVectors.Unit(0.1f, 1, 0)),
            new(Situations.Crisis, "crisis 2", HandSetVectors.Unit(0.1f, 1, 0.1f)),
            new(Situations.Crisis, "crisis 3", HandSetVectors.Unit(0, 1, 1)),
            new(Situations.Crisis, "crisis 4", HandSetVectors.Unit(0, 1, 0.8f)),
            new(Situations.Crisis, "crisis 5", HandSetVectors.Unit(0, 1, 0.6f)),
        ];
        var options = new SafetyNetOptions { Neighbours = 5, PoolEmergencies = "", PoolEmergenciesInStatements = "", DecisiveSimilarity = 1.01 };
        return HandSetVectors.Detector(engine.Bot.Knowledge.Safety, HandSetVectors.Net(examples, options));
    }
}
