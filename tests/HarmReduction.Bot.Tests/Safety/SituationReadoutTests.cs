using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// The read-out of the whole bank: a crisis said sideways lies on the crisis side of everything the bank knows, though its
/// few nearest examples are a mix and do not vote for it. The vectors are set by hand: crisis examples lean along the
/// first axis, ordinary ones along the second, emergencies along the third; the message is on the crisis side, with one
/// ordinary example among its nearest. Every neighbour votes and a vote needs 0.99 of it, so the vote itself wins nothing.
/// </summary>
public sealed class SituationReadoutTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private static readonly float[] Sideways = HandSetVectors.Unit(1, 0.05f, 0);

    private const string Statement = "keep thinking about the old tote road and the truck running";

    [Fact]
    public void The_read_out_puts_a_message_on_the_side_its_examples_lean()
    {
        var net = NetOf(new SafetyNetOptions());

        var crisisSide = net.Read(Sideways)!;
        var ordinarySide = net.Read(HandSetVectors.Unit(0.05f, 1, 0))!;
        var emergencySide = net.Read(HandSetVectors.Unit(0, 0.05f, 1))!;

        Assert.True(crisisSide.Crisis > Math.Max(crisisSide.Emergency, crisisSide.Ordinary) + 0.3, crisisSide.ToString());
        Assert.True(ordinarySide.Ordinary > Math.Max(ordinarySide.Emergency, ordinarySide.Crisis) + 0.3, ordinarySide.ToString());
        Assert.True(emergencySide.Emergency > Math.Max(emergencySide.Crisis, emergencySide.Ordinary) + 0.3, emergencySide.ToString());
        Assert.Equal(1, crisisSide.Emergency + crisisSide.Crisis + crisisSide.Ordinary, precision: 3);
    }

    [Fact]
    public void A_statement_the_vote_leaves_ordinary_is_a_crisis_when_the_read_out_is_sure()
    {
        var detector = DetectorOver(NetOf(Options(crisisAt: 0.5, crisisWhenAsked: 1.01)));

        var assessment = detector.Assess(Statement, () => Sideways);

        Assert.Null(assessment.Vote!.Label);
        Assert.Equal(SafetyKind.Crisis, assessment.Kind);
        Assert.Equal(SafetySource.Readout, assessment.Source);
        Assert.NotNull(assessment.Readout);
    }

    [Fact]
    public void Without_the_read_out_the_same_statement_is_ordinary()
    {
        var options = Options(crisisAt: 0.5, crisisWhenAsked: 1.01);
        options.Readout = false;
        var detector = DetectorOver(NetOf(options));

        var assessment = detector.Assess(Statement, () => Sideways);

        Assert.Equal(SafetyKind.None, assessment.Kind);
        Assert.Null(assessment.Readout);
    }

    [Fact]
    public void A_message_that_asks_needs_the_higher_probability()
    {
        var detector = DetectorOver(NetOf(Options(crisisAt: 0.5, crisisWhenAsked: 1.01)));

        var assessment = detector.Assess("how long does a truck take to warm up on the old tote road?", () => Sideways);

        Assert.Equal(SafetyKind.None, assessment.Kind);
        Assert.True(assessment.Readout!.Crisis >= 0.5, assessment.Readout.ToString());
    }

    [Fact]
    public void A_read_out_below_the_threshold_changes_nothing()
    {
        var detector = DetectorOver(NetOf(Options(crisisAt: 1.01, crisisWhenAsked: 1.01)));

        Assert.Equal(SafetyKind.None, detector.Assess(Statement, () => Sideways).Kind);
    }

    [Theory]
    [InlineData(0.5, SafetyKind.Crisis)]
    [InlineData(1.01, SafetyKind.None)]
    public void A_crisis_vote_short_of_the_share_a_question_needs_stands_when_the_read_out_hears_a_crisis_too(double confirmsAt, SafetyKind expected)
    {
        var options = Options(crisisAt: 1.01, crisisWhenAsked: 1.01);
        options.VoteShare = 0.6;
        options.CrisisShareWhenAsked = 0.99;
        options.ReadoutConfirmsACrisis = confirmsAt;
        var detector = DetectorOver(NetOf(options));

        var assessment = detector.Assess("how long does a truck take to warm up on the old tote road?", () => Sideways);

        Assert.Equal(Situations.Crisis, assessment.Vote!.Label);
        Assert.True(assessment.Vote.Share is >= 0.6 and < 0.99, assessment.Vote.Share.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, assessment.Kind);
    }

    [Theory]
    [InlineData("keep thinking i need to cut down, the truck runs all night on it")]
    [InlineData("nobody around tonight gonna use by myself")]
    [InlineData("esta noche voy a usar solo en el cuarto")]
    [InlineData("recai el fin de semana despues de 6 meses, no me paso nada gracias a dios")]
    public void Talk_of_using_keeps_the_read_out_from_a_crisis(string message)
    {
        var detector = DetectorOver(NetOf(Options(crisisAt: 0.5, crisisWhenAsked: 1.01)));

        var assessment = detector.Assess(message, () => Sideways);

        Assert.Equal(SafetyKind.None, assessment.Kind);
        Assert.True(assessment.Readout!.Crisis >= 0.5, assessment.Readout.ToString());
    }

    [Fact]
    public void A_plain_statement_on_the_emergency_side_is_the_emergency_of_its_nearest_example()
    {
        var detector = DetectorOver(NetOf(Options(crisisAt: 1.01, crisisWhenAsked: 1.01, emergencyAt: 0.5)));

        var assessment = detector.Assess("its my sister right here on the kitchen tiles", () => HandSetVectors.Unit(0.25f, -0.25f, 1));

        Assert.Equal(SafetyKind.Emergency, assessment.Kind);
        Assert.Equal(SafetySource.Readout, assessment.Source);
        Assert.Equal("seizure", assessment.Rule);
    }

    [Fact]
    public void A_question_on_the_emergency_side_is_left_to_the_rules_and_the_vote()
    {
        var detector = DetectorOver(NetOf(Options(crisisAt: 1.01, crisisWhenAsked: 1.01, emergencyAt: 0.5)));

        var assessment = detector.Assess("what do the kitchen tiles have to do with my sister?", () => HandSetVectors.Unit(0.25f, -0.25f, 1));

        Assert.Equal(SafetyKind.None, assessment.Kind);
        Assert.True(assessment.Readout!.Emergency >= 0.5, assessment.Readout.ToString());
    }

    [Fact]
    public void The_same_bank_in_the_same_process_is_trained_once()
    {
        var first = NetOf(new SafetyNetOptions());
        var second = NetOf(new SafetyNetOptions());

        Assert.Equal(first.Read(Sideways), second.Read(Sideways));
    }

    [Fact]
    public void Trained_weights_are_kept_in_the_cache_folder_and_read_back_by_the_next_start()
    {
        var folder = Directory.CreateTempSubdirectory("readout-").FullName;
        try
        {
            (string, float[])[] examples = [(Situations.Crisis, HandSetVectors.Unit(1, 0.2f, 0)), (Situations.None, HandSetVectors.Unit(0.1f, 1, 0)), ("seizure", HandSetVectors.Unit(0, 0.1f, 1))];
            var key = SituationReadout.KeyOf(examples, 0.01f);
            File.WriteAllText(Path.Combine(folder, "situation-readout-0123.bin"), "weights of a bank edited away");

            var trained = SituationReadout.LoadOrTrain(examples, 0.01f, key, folder);
            var kept = Assert.Single(Directory.GetFiles(folder));
            var longAgo = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(kept, longAgo);
            var readBack = SituationReadout.LoadOrTrain(examples, 0.01f, key, folder);
            var untouched = File.GetLastWriteTimeUtc(kept);
            File.WriteAllText(kept, "not weights");
            File.SetLastWriteTimeUtc(kept, longAgo);
            var trainedAgain = SituationReadout.LoadOrTrain(examples, 0.01f, key, folder);

            Assert.EndsWith($"situation-readout-{key:x32}.bin", kept, StringComparison.Ordinal);
            Assert.Equal(longAgo, untouched);
            Assert.NotEqual(longAgo, File.GetLastWriteTimeUtc(kept));
            Assert.Equal(trained.Read(Sideways), readBack.Read(Sideways));
            Assert.Equal(trained.Read(Sideways), trainedAgain.Read(Sideways));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static SafetyNetOptions Options(double crisisAt, double crisisWhenAsked, double emergencyAt = 1.01) =>
        HandSetVectors.ReadoutJudges(neighbours: 5, crisisAt, crisisWhenAsked, emergencyAt);

    private SafetyDetector DetectorOver(SituationNet net) => HandSetVectors.Detector(engine.Bot.Knowledge.Safety, net);

    private static SituationNet NetOf(SafetyNetOptions options) => HandSetVectors.Net(
        [
            new(Situations.Crisis, "crisis a", HandSetVectors.Unit(1, 0.3f, 0.1f)),
            new(Situations.Crisis, "crisis b", HandSetVectors.Unit(1, -0.2f, 0.2f)),
            new(Situations.Crisis, "crisis c", HandSetVectors.Unit(1, 0.1f, -0.3f)),
            new(Situations.Crisis, "crisis d", HandSetVectors.Unit(1, -0.3f, -0.1f)),
            new(Situations.None, "ordinary near the crisis side", HandSetVectors.Unit(0.6f, 0.8f, 0)),
            new(Situations.None, "ordinary a", HandSetVectors.Unit(0.1f, 1, 0.2f)),
            new(Situations.None, "ordinary b", HandSetVectors.Unit(-0.2f, 1, -0.1f)),
            new(Situations.None, "ordinary c", HandSetVectors.Unit(0.2f, 1, -0.2f)),
            new(Situations.OffTopic, "small talk", HandSetVectors.Unit(-0.1f, 1, 0.1f)),
            new("opioid-overdose", "emergency a", HandSetVectors.Unit(0.1f, 0.2f, 1)),
            new("opioid-overdose", "emergency b", HandSetVectors.Unit(-0.2f, 0.1f, 1)),
            new("seizure", "emergency c", HandSetVectors.Unit(0.2f, -0.2f, 1)),
        ],
        options);
}
