using System.Globalization;
using System.Text;
using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Cli;

/// <summary>
/// Why a turn was answered the way it was, for staff (<c>ask --explain</c>): the text as the matcher reads it, the
/// language and why, the safety check (which rule, or which labelled neighbours voted), the top entries with their
/// lexical and semantic evidence and closest phrasing, and the decision against the confidence bands.
/// </summary>
internal sealed record TurnExplanation(
    string Normalized,
    string Language,
    string LanguageReason,
    ExplainedSafety Safety,
    string? SearchLanguage,
    IReadOnlyList<ExplainedCandidate> Candidates,
    string Decision,
    double AnswerAt,
    double ClarifyAt)
{
    public static TurnExplanation From(string text, QuestionResult result, ConfidenceBands bands)
    {
        var state = result.TurnState;
        var detected = LanguageDetector.Detect(text);
        var safety = state.TryGetValue(TurnStateKeys.Safety, out var s) && s is SafetyAssessment assessment ? ExplainedSafety.From(assessment) : ExplainedSafety.NotRun;
        var ranked = state.TryGetValue(TurnStateKeys.Ranked, out var r) && r is IReadOnlyList<KnowledgeMatch> matches ? matches : [];
        var decision = state.TryGetValue(TurnStateKeys.Decision, out var d) && d is RankedDecision made
            ? made.Confidence.ToString().ToLowerInvariant()
            : result.Outcome.KindName;
        return new TurnExplanation(
            TextNormalizer.FoldToPhrase(text),
            result.Language,
            detected is null ? "the message gives no clue (a fresh conversation answers in English)" : $"detected '{detected}' from the message's words",
            safety,
            state.TryGetValue(TurnStateKeys.SearchLanguage, out var l) ? l as string : null,
            ranked.Select(ExplainedCandidate.From).ToList(),
            decision,
            bands.AnswerAt,
            bands.ClarifyAt);
    }

    public string ToText()
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"normalized: \"{Normalized}\"");
        text.AppendLine(culture, $"language: {Language} ({LanguageReason})");
        text.AppendLine(culture, $"safety: {Safety.Kind}{(Safety.Rule is null ? string.Empty : " " + Safety.Rule)} (by {Safety.Source}; framing: {Safety.Framing ?? "-"})");
        if (Safety.Vote is { } vote)
        {
            text.AppendLine(culture, $"  neighbours: {vote.Label ?? "no emergency"} (share {vote.Share:0.00})");
            foreach (var n in vote.Neighbours)
            {
                text.AppendLine(culture, $"    {n.Similarity:0.000} {n.Label,-21} \"{n.Text}\"");
            }
        }

        if (SearchLanguage is not null)
        {
            text.AppendLine(culture, $"entries searched in: {SearchLanguage}");
        }

        foreach (var c in Candidates)
        {
            text.AppendLine(culture, $"  {c.Score:0.000} {c.Entry,-40} lexical {Format(c.Lexical)} semantic {Format(c.Semantic)}  closest: \"{c.Closest}\"");
        }

        text.AppendLine(culture, $"decision: {Decision} (answer at {AnswerAt:0.00}, clarify at {ClarifyAt:0.00})");
        return text.ToString();
    }

    private static string Format(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "  -  ";
}

internal sealed record ExplainedSafety(string Kind, string? Rule, string Source, string? Framing, ExplainedVote? Vote)
{
    public static readonly ExplainedSafety NotRun = new("not run", null, "nothing", null, null);

    public static ExplainedSafety From(SafetyAssessment assessment) => new(
        assessment.Kind.ToString().ToLowerInvariant(),
        assessment.Rule,
        assessment.Source switch
        {
            SafetySource.Rules => "a phrase in safety.yaml",
            SafetySource.Neighbours => "the nearest labelled situations",
            _ => "nothing: no rule and no neighbours' vote",
        },
        assessment.Framing?.ToString(),
        assessment.Vote is { } vote
            ? new ExplainedVote(vote.Label, vote.Share, vote.Neighbours.Select(n => new ExplainedNeighbour(n.Example.Label, n.Similarity, n.Example.Text)).ToList())
            : null);
}

internal sealed record ExplainedVote(string? Label, double Share, IReadOnlyList<ExplainedNeighbour> Neighbours);

internal sealed record ExplainedNeighbour(string Label, double Similarity, string Text);

internal sealed record ExplainedCandidate(string Entry, double Score, double? Lexical, double? Semantic, string? Closest)
{
    public static ExplainedCandidate From(KnowledgeMatch match) => new(match.Entry.Id, match.Score, match.Lexical, match.Semantic, match.ClosestQuestion);
}
