using System.Globalization;
using System.Text;
using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Routing;
using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Semantic;
using HarmReduction.Bot.Text;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Cli;

/// <summary>
/// Why a turn was answered the way it was, for staff (<c>ask --explain</c>): the text as the matcher reads it, the
/// language and why (and what the other language would have scored), the safety check (which rule, or which labelled
/// neighbours voted), the top entries with their lexical and semantic evidence, closest phrasing and what pulls toward
/// them (a keyword, a synonym, a shared phrasing), and the decision against the confidence bands. The staff page's test
/// pane shows the same.
/// </summary>
internal sealed record TurnExplanation(
    string Normalized,
    string ReadAs,
    string Language,
    string LanguageReason,
    ExplainedSafety Safety,
    string? SearchLanguage,
    string? SearchReason,
    IReadOnlyList<ExplainedCandidate> Candidates,
    string Decision,
    string DecisionReason,
    double AnswerAt,
    double ClarifyAt)
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static TurnExplanation From(string text, QuestionResult result, ExplainContext context)
    {
        var state = result.TurnState;
        var snapshot = context.Snapshot;
        var detected = LanguageDetector.Detect(text);
        var safety = state.TryGetValue(TurnStateKeys.Safety, out var s) && s is SafetyAssessment assessment ? ExplainedSafety.From(assessment) : ExplainedSafety.NotRun;
        var ranked = state.TryGetValue(TurnStateKeys.Ranked, out var r) && r is IReadOnlyList<KnowledgeMatch> matches ? matches : [];
        var made = state.TryGetValue(TurnStateKeys.Decision, out var d) ? d as RankedDecision : null;
        var searched = state.TryGetValue(TurnStateKeys.SearchLanguage, out var l) ? l as string : null;
        var evidence = MatchEvidence.For(snapshot.Knowledge);
        var vector = context.Vector(text);

        // Where the turn was answered from another language than the reply's, or another language would have done
        // better, say so: that is what "venden narcan en walgreens" needs staff to see.
        // The language the turn started in (the reply's may differ: an English entry answers in English).
        var language = detected ?? result.Language;
        var bests = snapshot.Ranker.Languages.ToDictionary(lang => lang, lang => snapshot.Ranker.Search(text, lang, vector, top: 1).FirstOrDefault(), StringComparer.Ordinal);
        var languageReason = detected is null
            ? "the message gives no clue, so the conversation's language (a new conversation starts in English)"
            : $"the message's words are {Name(detected)}";
        var used = bests.GetValueOrDefault(searched ?? language);
        foreach (var (other, best) in bests.Where(b => b.Key != (searched ?? language) && b.Value is not null))
        {
            if (best!.Score >= context.Bands.ClarifyAt && best.Score > (used?.Score ?? 0))
            {
                languageReason += string.Create(Culture, $"; {Name(other)} entries would score {best.Score:0.000} ({best.Entry.Id})");
            }
        }

        string? searchReason = null;
        if (searched is not null && searched != language && bests.GetValueOrDefault(language) is var own)
        {
            searchReason = string.Create(Culture, $"no {Name(language)} entry reached clarify-at {context.Bands.ClarifyAt:0.00} (best {own?.Score ?? 0:0.000}); the {Name(searched)} entries were searched instead");
        }

        var meaning = vector is not null && snapshot.Meaning is { } index && searched is not null
            ? index.Search(vector(), searched, int.MaxValue).ToDictionary(m => m.Entry.Id, StringComparer.Ordinal)
            : [];
        var candidates = ranked.Select(m =>
        {
            var semantic = meaning.GetValueOrDefault(m.Entry.Id);
            var closest = string.IsNullOrEmpty(m.ClosestQuestion) ? semantic?.ClosestPhrasing ?? evidence.ClosestByWords(text, m.Entry) : m.ClosestQuestion;
            var pulls = evidence.Pulls(text, m.Entry.Lang, m.Entry, closest, semantic?.Similarity).Take(3).Select(p => p.ToString()).ToList();
            return new ExplainedCandidate(m.Entry.Id, m.Score, m.Lexical, m.Semantic, closest, pulls);
        }).ToList();

        var offTopic = state.TryGetValue(TurnStateKeys.Safety, out var judged) && judged is SafetyAssessment { IsOffTopic: true } assessed
            ? assessed.Vote
            : null;
        var (decision, reason) = made is null ? Unranked(result.Outcome, safety)
            : offTopic is not null && made.Confidence == Confidence.Fallback
                ? ("fallback", string.Create(Culture, $"the nearest labelled situations are off-topic (share {offTopic.Share:0.000}): no entry is meant"))
                : Explain(made, ranked, context);
        if (state.TryGetValue(TurnStateKeys.AlsoAnswered, out var also) && also is KnowledgeMatch second)
        {
            (decision, reason) = ("answer two questions", string.Create(
                Culture, $"the message asks two things, each answered outright on its own: {result.Outcome.EntryId} at {result.Outcome.Score:0.000}, then {second.Entry.Id} at {second.Score:0.000}"));
        }

        return new TurnExplanation(
            TextNormalizer.FoldToPhrase(text),
            evidence.ReadAs(text, searched ?? language),
            language,
            languageReason,
            safety,
            searched,
            searchReason,
            candidates,
            decision,
            reason,
            context.Bands.AnswerAt,
            context.Bands.ClarifyAt);
    }

    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(Culture, $"normalized: \"{Normalized}\"");
        text.AppendLine(Culture, $"read as: \"{ReadAs}\" (typos corrected, synonyms applied)");
        text.AppendLine(Culture, $"language: {Language} ({LanguageReason})");
        text.AppendLine(Culture, $"safety: {Safety.Kind}{(Safety.Rule is null ? string.Empty : " " + Safety.Rule)} (by {Safety.Source}; framing: {Safety.Framing ?? "-"})");
        if (Safety.Vote is { } vote)
        {
            text.AppendLine(Culture, $"  neighbours: {vote.Label ?? "no emergency"} (share {vote.Share:0.00}{(vote.Joint ? ", crisis and taken-on-purpose examples together" : "")}{(vote.Part is null ? "" : $", heard in the sentence \"{vote.Part}\"")})");
            foreach (var n in vote.Neighbours)
            {
                text.AppendLine(Culture, $"    {n.Similarity:0.000} {n.Label,-21} \"{n.Text}\"");
            }
        }

        if (Safety.Readout is { } read)
        {
            text.AppendLine(Culture, $"  read-out: emergency {read.Emergency:0.000}, crisis {read.Crisis:0.000}, ordinary {read.Ordinary:0.000}");
        }

        if (SearchLanguage is not null)
        {
            text.AppendLine(Culture, $"entries searched in: {SearchLanguage}{(SearchReason is null ? string.Empty : " (" + SearchReason + ")")}");
        }

        foreach (var c in Candidates)
        {
            text.AppendLine(Culture, $"  {c.Score:0.000} {c.Entry,-40} lexical {Format(c.Lexical)} semantic {Format(c.Semantic)}  closest: \"{c.Closest}\"");
            if (c.Pulls.Count > 0)
            {
                text.AppendLine(Culture, $"        pulled by: {string.Join("; ", c.Pulls)}");
            }
        }

        text.AppendLine(Culture, $"decision: {Decision}: {DecisionReason}");
        return text.ToString();
    }

    private static (string Decision, string Reason) Explain(RankedDecision made, IReadOnlyList<KnowledgeMatch> ranked, ExplainContext context)
    {
        var bands = context.Options;
        var best = ranked.Count > 0 ? ranked[0].Score : 0;
        switch (made.Confidence)
        {
            case Confidence.Answer when best >= bands.AnswerAt:
                return ("answer", string.Create(Culture, $"{made.Candidates[0].Entry.Id} at {best:0.000} >= answer-at {bands.AnswerAt:0.00}"));
            case Confidence.Answer:
                var lead = ranked.Count > 1 ? best - ranked[1].Score : best;
                return ("answer", lead >= bands.ClearLead
                    ? string.Create(Culture, $"{made.Candidates[0].Entry.Id} at {best:0.000} is below answer-at {bands.AnswerAt:0.00} but leads the next by {lead:0.000} >= clear-lead {bands.ClearLead:0.00}")
                    : string.Create(Culture, $"{made.Candidates[0].Entry.Id} at {best:0.000} is between clarify-at {bands.ClarifyAt:0.00} and answer-at {bands.AnswerAt:0.00}, and no other entry is close enough to offer"));
            case Confidence.Clarify:
                return ("clarify", string.Create(Culture, $"best {best:0.000} is between clarify-at {bands.ClarifyAt:0.00} and answer-at {bands.AnswerAt:0.00}; \"Did you mean\" offers {string.Join(", ", made.Candidates.Select(c => c.Entry.Id))}"));
            default:
                return ("fallback", string.Create(Culture, $"best {best:0.000} < clarify-at {bands.ClarifyAt:0.00}"));
        }
    }

    private static (string Decision, string Reason) Unranked(TurnOutcome outcome, ExplainedSafety safety) => outcome.Kind switch
    {
        TurnKind.Emergency or TurnKind.Crisis => (outcome.KindName, $"the safety check answered first ({safety.Source}); nothing was ranked"),
        TurnKind.OptOut => ("optout", "an SMS keyword (STOP, START, HELP) answered; nothing was ranked"),
        _ => (outcome.KindName, outcome.EntryId is null
            ? "a steering word (hi, menu, help, more, start over) or an empty message answered; nothing was ranked"
            : $"{outcome.EntryId} was picked from the options offered; nothing was ranked"),
    };

    private static string Name(string language) => language switch
    {
        "en" => "English",
        "es" => "Spanish",
        _ => language,
    };

    private static string Format(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "  -  ";
}

/// <summary>What an explanation needs from the engine: the served knowledge, the bands, and the meaning layer.</summary>
internal sealed record ExplainContext(KnowledgeSnapshot Snapshot, ConfidenceBands Bands, AnsweringOptions Options, SemanticLayer Semantic)
{
    public static ExplainContext From(IServiceProvider services) => new(
        services.GetRequiredService<KnowledgeProvider>().Current,
        services.GetRequiredService<ConfidenceBands>(),
        services.GetRequiredService<IOptions<AnsweringOptions>>().Value,
        services.GetRequiredService<SemanticLayer>());

    public Func<float[]>? Vector(string text) =>
        Semantic.Messages is { } encoder ? () => encoder.Encode(SemanticText.Prepare(text)) : null;
}

internal sealed record ExplainedSafety(string Kind, string? Rule, string Source, string? Framing, ExplainedVote? Vote, ExplainedReadout? Readout = null)
{
    public static readonly ExplainedSafety NotRun = new("not run", null, "nothing", null, null);

    public static ExplainedSafety From(SafetyAssessment assessment) => new(
        assessment.Kind.ToString().ToLowerInvariant(),
        assessment.Rule,
        assessment.Source switch
        {
            SafetySource.Rules => assessment.Phrase is { } phrase ? $"the phrase '{phrase}' in safety.yaml" : "a phrase in safety.yaml",
            SafetySource.Neighbours => "the nearest labelled situations",
            SafetySource.Readout => "the read-out of the whole bank",
            _ => "nothing: no rule, no neighbours' vote, no read-out",
        },
        assessment.Framing?.ToString(),
        assessment.Vote is { } vote
            ? new ExplainedVote(vote.Label, vote.Share, vote.Neighbours.Select(n => new ExplainedNeighbour(n.Example.Label, n.Similarity, n.Example.Text)).ToList(), vote.Joint, vote.Part)
            : null,
        assessment.Readout is { } read ? new ExplainedReadout(read.Emergency, read.Crisis, read.Ordinary) : null);
}

internal sealed record ExplainedReadout(double Emergency, double Crisis, double Ordinary);

internal sealed record ExplainedVote(string? Label, double Share, IReadOnlyList<ExplainedNeighbour> Neighbours, bool Joint = false, string? Part = null);

internal sealed record ExplainedNeighbour(string Label, double Similarity, string Text);

/// <param name="Pulls">The strongest reasons the message pulls toward the entry: a keyword, a synonym, a shared phrasing...</param>
internal sealed record ExplainedCandidate(string Entry, double Score, double? Lexical, double? Semantic, string? Closest, IReadOnlyList<string> Pulls);
