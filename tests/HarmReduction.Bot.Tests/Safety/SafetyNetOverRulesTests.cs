using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// How the neighbours' vote and the rules of safety.yaml decide together. The vote is set by hand (three labelled
/// examples, all alike to the message); the rules are the shipped ones.
/// </summary>
public sealed class SafetyNetOverRulesTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private static readonly float[] Message = HandSetVectors.Unit(1, 0, 0);

    [Fact]
    public void A_crisis_the_neighbours_heard_told_with_something_taken_is_an_overdose_taken_on_purpose()
    {
        var detector = DetectorVoting(Situations.Crisis, Situations.Crisis, Situations.Crisis);

        var assessment = detector.Assess("took all my seroquel and the rest of my subs. just wanted u to know. its done", () => Message);

        Assert.Equal(SafetyKind.Emergency, assessment.Kind);
        Assert.Equal("intentional-overdose", assessment.Rule);
        Assert.True(assessment.AlsoCrisis);
    }

    [Fact]
    public void A_crisis_the_neighbours_heard_with_nothing_taken_stays_a_crisis()
    {
        var detector = DetectorVoting(Situations.Crisis, Situations.Crisis, Situations.Crisis);

        var assessment = detector.Assess("just wanted u to know. its done. tell my sister i said bye", () => Message);

        Assert.Equal(SafetyKind.Crisis, assessment.Kind);
    }

    [Fact]
    public void A_narrow_vote_for_someone_overdosing_alone_does_not_overrule_a_crisis_plan_the_rules_heard()
    {
        var detector = DetectorVoting("overdosing-alone", "overdosing-alone", Situations.None);
        const string plan = "Estoy solo en la casa del campo. Aquí no sirvo para nada. Hay veneno para la plaga en la bodega y estoy pensando en tomármelo.";

        Assert.Equal(SafetyKind.Crisis, detector.Assess(plan).Kind);
        Assert.Equal(SafetyKind.Crisis, detector.Assess(plan, () => Message).Kind);
    }

    [Fact]
    public void A_clear_vote_for_an_overdose_overrules_a_crisis_phrase_the_rules_misheard()
    {
        var detector = DetectorVoting("opioid-overdose", "opioid-overdose", "opioid-overdose");
        // Told of someone now ("hes still not waking up"), the rules read the sign themselves; without a "he", only the vote can.
        const string stillOut = "used one narcan 3 mins ago and not waking up do i give the other one??";

        Assert.Equal(SafetyKind.Crisis, detector.Assess(stillOut).Kind);
        var assessment = detector.Assess(stillOut, () => Message);
        Assert.Equal(SafetyKind.Emergency, assessment.Kind);
        Assert.Equal("opioid-overdose", assessment.Rule);
    }

    [Fact]
    public void Crisis_words_laughed_at_and_told_as_over_before_a_question_are_that_question_when_the_neighbours_all_hear_one()
    {
        const string joke = "my cousin said she wants to die lol about her driving test, shes fine. but how would i ask someone if theyre serious?";

        Assert.Equal(SafetyKind.Crisis, DetectorVoting(Situations.None).Assess(joke).Kind);
        Assert.Equal(SafetyKind.None, DetectorVoting(Situations.None, Situations.None, Situations.None).Assess(joke, () => Message).Kind);
        Assert.Equal(SafetyKind.Crisis, DetectorVoting(Situations.None, Situations.None, Situations.Crisis).Assess(joke, () => Message).Kind);
    }

    [Theory]
    [InlineData("my cousin said she wants to die about her driving test, shes fine. but how would i ask someone if theyre serious?")]
    [InlineData("my cousin said she wants to die lol about her driving test. but how would i ask someone if theyre serious?")]
    [InlineData("my cousin said she wants to die lol about her driving test, shes fine. i dont know if shes serious")]
    public void Without_the_laughter_the_reassurance_or_the_question_the_crisis_stands(string message)
    {
        var detector = DetectorVoting(Situations.None, Situations.None, Situations.None);

        Assert.Equal(SafetyKind.Crisis, detector.Assess(message, () => Message).Kind);
    }

    /// <summary>A detector with the shipped rules whose net has three examples, labelled as given, all alike to the message.</summary>
    private SafetyDetector DetectorVoting(params string[] labels)
    {
        var bank = labels.Select((label, i) => new HandSetVectors.Example(label, $"example {i} ({label})", HandSetVectors.Unit(0.9f, 0.1f * (i + 1), 0))).ToList();
        var options = new SafetyNetOptions { Neighbours = 3, VoteShare = 0.6, MinSimilarity = 0.5, PoolEmergencies = "", PoolEmergenciesInStatements = "", DecisiveSimilarity = 1.01 };
        var safety = engine.Bot.Knowledge.Safety;
        return HandSetVectors.Detector(safety, HandSetVectors.Net(bank, options, alsoCrisis: safety.Emergencies.Where(e => e.AlsoCrisis).Select(e => e.Name)));
    }
}
