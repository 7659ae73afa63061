using System.ComponentModel.DataAnnotations;

namespace HarmReduction.Bot.Answering;

/// <summary>
/// How sure the bot must be to answer, and how the ranker weighs the evidence (<c>Answering:*</c>). The defaults were
/// chosen on measured question sets (docs/answering.md); change them only with a new measurement.
/// </summary>
public sealed class AnsweringOptions
{
    public const string Section = "Answering";

    /// <summary>At or above this score the best entry is answered.</summary>
    [Range(0.0, 1.0)]
    public double AnswerAt { get; set; } = 0.45;

    /// <summary>Below this score the bot falls back kindly instead of guessing.</summary>
    [Range(0.0, 1.0)]
    public double ClarifyAt { get; set; } = 0.30;

    /// <summary>Between the two, a lead this large over the second entry is still answered without asking.</summary>
    [Range(0.0, 1.0)]
    public double ClearLead { get; set; } = 0.12;

    /// <summary>
    /// Above <see cref="AnswerAt"/>, entries within this of the best are a tie the person should settle. Off by default:
    /// measured, near-ties between well-matched entries were mostly two good answers, and asking cost more than it helped.
    /// </summary>
    [Range(0.0, 1.0)]
    public double TieMargin { get; set; }

    /// <summary>Weight of the closest single question (cosine).</summary>
    [Range(0.0, 1.0)]
    public double QuestionWeight { get; set; } = 0.55;

    /// <summary>Weight of how much of the message the entry's questions, title and keywords explain.</summary>
    [Range(0.0, 1.0)]
    public double LabelWeight { get; set; } = 0.30;

    /// <summary>Weight of how much of the message the answer text explains.</summary>
    [Range(0.0, 1.0)]
    public double AnswerTextWeight { get; set; } = 0.15;
}
