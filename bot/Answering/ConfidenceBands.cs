using HarmReduction.Bot.Knowledge.Matching;

namespace HarmReduction.Bot.Answering;

public enum Confidence
{
    Answer,
    Clarify,
    Fallback,
}

public sealed record RankedDecision(Confidence Confidence, IReadOnlyList<KnowledgeMatch> Candidates);

/// <summary>
/// Above <see cref="AnswerAt"/> the best entry is answered, unless another is practically tied with it (then the person
/// picks). Between <see cref="ClarifyAt"/> and it, entries close to the best (QnA Maker's low-score-variation rule: each
/// next score within 0.7·√prev of the previous and within √top of the top, on a 0-100 scale) are offered as
/// "Did you mean"; if only one is close, it is answered. Below, a kind fallback.
/// </summary>
public sealed class ConfidenceBands(AnsweringOptions options)
{
    public double AnswerAt { get; } = options.AnswerAt;

    public double ClarifyAt { get; } = options.ClarifyAt;

    public RankedDecision Decide(IReadOnlyList<KnowledgeMatch> ranked)
    {
        if (ranked.Count == 0 || ranked[0].Score < ClarifyAt)
        {
            return new RankedDecision(Confidence.Fallback, []);
        }

        var top = ranked[0];
        var lead = ranked.Count > 1 ? top.Score - ranked[1].Score : top.Score;
        if ((top.Score >= AnswerAt && (options.TieMargin <= 0 || lead >= options.TieMargin)) || lead >= options.ClearLead)
        {
            return new RankedDecision(Confidence.Answer, [top]);
        }

        var close = top.Score >= AnswerAt
            ? ranked.TakeWhile(m => top.Score - m.Score < options.TieMargin).Take(3).ToList()
            : LowScoreVariation(ranked).Take(3).ToList();
        return close.Count > 1
            ? new RankedDecision(Confidence.Clarify, close)
            : new RankedDecision(Confidence.Answer, [top]);
    }

    private static IEnumerable<KnowledgeMatch> LowScoreVariation(IReadOnlyList<KnowledgeMatch> ranked)
    {
        var top = ranked[0].Score * 100;
        yield return ranked[0];
        var previous = top;
        foreach (var match in ranked.Skip(1))
        {
            var current = match.Score * 100;
            if (previous - current >= 0.7 * Math.Sqrt(previous) || top - current >= Math.Sqrt(top))
            {
                yield break;
            }

            yield return match;
            previous = current;
        }
    }
}
