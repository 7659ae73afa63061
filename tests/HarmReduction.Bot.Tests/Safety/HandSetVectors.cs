using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Semantic;
using HarmReduction.Bot.Tests.Harness;
using Microsoft.Extensions.Logging.Abstractions;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>Vectors set by hand, so a vote's neighbours and their similarities are known.</summary>
internal static class HandSetVectors
{
    public static float[] Unit(float x, float y, float z)
    {
        var vector = new[] { x, y, z };
        Vectors.Normalize(vector);
        return vector;
    }

    /// <summary>A unit vector at the given similarity to the message <c>Unit(1, 0, 0)</c>, turned by a different angle for each example.</summary>
    public static float[] At(float similarity, int turn)
    {
        var rest = MathF.Sqrt(1 - (similarity * similarity));
        var angle = turn * 1.2f;
        return Unit(similarity, rest * MathF.Cos(angle), rest * MathF.Sin(angle));
    }

    /// <summary>A labelled example of the bank and the vector its text is given.</summary>
    public sealed record Example(string Label, string Text, float[] Vector, string Language = "en");

    /// <summary>
    /// A net over the given bank (numbered as lines of situations.yaml, in order). Phrasings are questions of the
    /// knowledge, which vote "none" and decide alone for themselves as shipped phrasings do.
    /// </summary>
    public static SituationNet Net(
        IReadOnlyList<Example> bank,
        SafetyNetOptions options,
        IReadOnlyList<Example>? phrasings = null,
        IEnumerable<string>? alsoCrisis = null)
    {
        var questions = phrasings ?? [];
        var encoder = new Encoder(bank.Concat(questions).ToDictionary(e => e.Text, e => e.Vector));
        var situations = new Situations(bank.Select((e, i) => new LabelledSituation(e.Label, e.Language, e.Text, new SourcePosition("situations.yaml", i + 1, 1))).ToList());
        var asked = questions.Select((e, i) => new LabelledSituation(Situations.None, e.Language, e.Text, new SourcePosition($"{e.Language}/knowledge.yaml", i + 1, 1)));
        var vectors = new KnowledgeVectors(encoder, new VectorCacheFile(null, 3, 100, NullLogger.Instance));
        return new SituationNet(situations, asked, vectors, options, alsoCrisis: alsoCrisis);
    }

    /// <summary>
    /// Options under which the vote alone decides almost nothing (every neighbour votes, a label needs 0.99 of the vote, no
    /// example decides alone, no margin settles it, no crisis is heard in a sentence), with the read-out's thresholds given.
    /// </summary>
    public static SafetyNetOptions ReadoutJudges(int neighbours, double crisisAt, double crisisWhenAsked, double emergencyAt) => new()
    {
        Neighbours = neighbours,
        VoteShare = 0.99,
        MinSimilarity = 0.5,
        DecisiveSimilarity = 1.01,
        OrdinaryMargin = 1,
        VoterGap = 1,
        CrisisShareToHearASentence = 2,
        ReadoutCrisisAt = crisisAt,
        ReadoutCrisisWhenAsked = crisisWhenAsked,
        ReadoutEmergencyAt = emergencyAt,
    };

    /// <summary>The given rules (the shipped ones, usually) with a hand-set net behind them.</summary>
    public static SafetyDetector Detector(SafetyRules rules, SituationNet net) => new(rules, new HashSet<string>(RealWords.All), net);

    /// <summary>An encoder that returns the vector given for each text.</summary>
    public sealed class Encoder(IReadOnlyDictionary<string, float[]> vectors) : ITextEncoder
    {
        public string ModelId => "fixed";

        public int Dimensions => 3;

        public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            texts.Select(t => vectors[t]).ToList();
    }
}
