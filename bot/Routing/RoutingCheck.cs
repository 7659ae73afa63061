using System.Collections.Concurrent;
using System.Globalization;
using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Cli;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Safety;

namespace HarmReduction.Bot.Routing;

/// <summary>
/// The routing self-test: every listed phrasing goes through the real engine (safety check, ranker, confidence bands),
/// as a fresh conversation in the entry's language, and each one another entry takes is reported with the winner and
/// the strongest pull toward it. A phrasing the safety check answers first (an emergency or crisis reply) is by design
/// and counted apart.
/// Every other phrasing is also read by the safety check without its own vote: each one votes "none" among the labelled
/// situations (that is how the net learns what an ordinary question sounds like), so a phrasing that tells an emergency
/// or a crisis ("my kid ate my delta 8 gummies") would teach it that such a message is an ordinary question. Those are
/// listed apart as warnings: the phrasing should be reworded as a question about the situation, or taken out. (Some
/// are the net hearing too much in an ordinary question; those call for near misses in situations.yaml instead.)
/// </summary>
internal sealed class RoutingCheck(QuestionRunner runner, KnowledgeSnapshot snapshot, ConfidenceBands bands, Func<string, float[]>? encode)
{
    public async Task<RoutingReport> RunAsync(CancellationToken cancellationToken)
    {
        var knowledge = snapshot.Knowledge;
        var phrasings = knowledge.Entries.SelectMany(e => e.Questions.Select((q, i) => (Entry: e, Index: i, Question: q))).ToList();
        var results = new ConcurrentDictionary<int, RoutingOutcome>();
        var urgent = new ConcurrentDictionary<int, SoundsUrgent>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, phrasings.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (entry, index, question) = phrasings[i];
                var result = await runner.AskAsync(question, "web", ct, locale: entry.Lang);
                results[i] = Classify(entry, index, question, result);
                if (results[i] is not RoutedToSafety && HeardWithoutItself(question) is { } heard)
                {
                    urgent[i] = new SoundsUrgent(entry, index, question, heard);
                }
            });
        var outcomes = Enumerable.Range(0, phrasings.Count).Select(i => results[i]).ToList();
        var collisions = outcomes.OfType<RoutingCollision>().ToList();
        var stale = knowledge.AcceptedRoutes.All
            .Where(a => !collisions.Any(c => c.Entry.Id == a.Entry && c.Accepted == a))
            .ToList();
        return new RoutingReport(outcomes.Count, outcomes.Count(o => o is RoutedHome), outcomes.OfType<RoutedToSafety>().ToList(), collisions, stale)
        {
            Urgent = urgent.OrderBy(u => u.Key).Select(u => u.Value).ToList(),
        };
    }

    /// <summary>What the safety check hears in a phrasing when the phrasing itself does not vote; null when nothing.</summary>
    private SafetyAssessment? HeardWithoutItself(string question)
    {
        if (encode is null)
        {
            return null;
        }

        var text = MessageNormalizationMiddleware.Normalize(question);
        var assessment = snapshot.Safety.Assess(text, () => encode(text), leaveOut: question, vectorOfPart: encode);
        return assessment.Kind == SafetyKind.None ? null : assessment;
    }

    private RoutingOutcome Classify(KnowledgeEntry entry, int index, string question, QuestionResult result)
    {
        var outcome = result.Outcome;
        if (outcome.Kind is TurnKind.Emergency or TurnKind.Crisis)
        {
            return new RoutedToSafety(entry, index, outcome.KindName);
        }

        if (outcome.Kind is TurnKind.Answer or TurnKind.Meta && outcome.EntryId == entry.Id)
        {
            return new RoutedHome(entry, index);
        }

        var ranked = result.TurnState.TryGetValue(TurnStateKeys.Ranked, out var r) && r is IReadOnlyList<KnowledgeMatch> list ? list : [];
        var decision = result.TurnState.TryGetValue(TurnStateKeys.Decision, out var d) ? d as RankedDecision : null;
        var own = ranked.FirstOrDefault(m => m.Entry.Id == entry.Id);
        var searched = result.TurnState.TryGetValue(TurnStateKeys.SearchLanguage, out var l) && l is string language && language != entry.Lang ? $" (searched in {language})" : string.Empty;
        var ownScore = own is null ? $"{entry.Id} not in the top {Math.Max(ranked.Count, 1)}" : string.Create(CultureInfo.InvariantCulture, $"{entry.Id} {own.Score:0.000}");
        var culture = CultureInfo.InvariantCulture;
        string goesTo;
        string description;
        Pull? pull = null;
        switch (outcome.Kind)
        {
            case TurnKind.Answer or TurnKind.Meta when outcome.EntryId is { } winner && snapshot.Knowledge.ById.TryGetValue(winner, out var other):
                goesTo = winner;
                pull = StrongestPull(question, other, ranked);
                description = string.Create(culture, $"is answered by {winner}{searched} ({outcome.Score ?? 0:0.000}; {ownScore})");
                break;
            case TurnKind.Clarify when decision is not null:
                goesTo = AcceptedRoutes.DidYouMean;
                var offered = decision.Candidates.Select(c => c.Entry).ToList();
                pull = offered.Count > 0 && offered[0].Id != entry.Id ? StrongestPull(question, offered[0], ranked) : null;
                description = string.Create(culture, $"asks \"Did you mean\" ({string.Join(", ", offered.Select(e => e.Id))}) at {outcome.Score ?? 0:0.000}; {ownScore}");
                break;
            case TurnKind.Fallback:
                goesTo = AcceptedRoutes.Fallback;
                var best = ranked.FirstOrDefault();
                description = best is null
                    ? $"falls back{searched}: no entry shares a word with it"
                    : string.Create(culture, $"falls back{searched}: best {best.Entry.Id} {best.Score:0.000} < clarify-at {bands.ClarifyAt:0.00}; {ownScore}");
                break;
            default:
                goesTo = outcome.KindName;
                description = $"is taken as a steering word ({outcome.KindName}), not a question";
                break;
        }

        return new RoutingCollision(entry, index, question, goesTo, description, pull, snapshot.Knowledge.AcceptedRoutes.Find(entry.Id, question) is { } accepted && accepted.GoesTo == goesTo ? accepted : null);
    }

    private Pull? StrongestPull(string question, KnowledgeEntry winner, IReadOnlyList<KnowledgeMatch> ranked)
    {
        var match = ranked.FirstOrDefault(m => m.Entry.Id == winner.Id);
        return MatchEvidence.For(snapshot.Knowledge).Pulls(question, winner.Lang, winner, match?.ClosestQuestion, match?.Semantic).FirstOrDefault();
    }
}

internal abstract record RoutingOutcome(KnowledgeEntry Entry, int Index);

internal sealed record RoutedHome(KnowledgeEntry Entry, int Index) : RoutingOutcome(Entry, Index);

internal sealed record RoutedToSafety(KnowledgeEntry Entry, int Index, string Kind) : RoutingOutcome(Entry, Index);

/// <summary>A phrasing that the safety check, without the phrasing's own vote, hears as an emergency or a crisis.</summary>
internal sealed record SoundsUrgent(KnowledgeEntry Entry, int Index, string Question, SafetyAssessment Assessment)
{
    public SourcePosition At => Entry.QuestionAt(Index);

    public override string ToString() =>
        $"{At}: warning: safety: '{Question}' ({Entry.Id}) sounds like {(Assessment.Kind == SafetyKind.Crisis ? "a crisis" : $"an emergency ({Assessment.Rule})")} to the safety check "
        + $"({(Assessment.Source == SafetySource.Neighbours ? "its labelled situations" : "its rules")}); as a listed phrasing it would teach the safety net that such a message is an ordinary question. "
        + "Reword it as a question about the situation, or take it out.";
}

/// <param name="GoesTo">The entry that answers instead, <c>did-you-mean</c>, <c>fallback</c>, or the kind of a steering word.</param>
/// <param name="Accepted">The item of routing-accepted.yaml that lists this collision as it is, if any.</param>
internal sealed record RoutingCollision(KnowledgeEntry Entry, int Index, string Question, string GoesTo, string Description, Pull? Pull, AcceptedRoute? Accepted)
    : RoutingOutcome(Entry, Index)
{
    public SourcePosition At => Entry.QuestionAt(Index);

    public override string ToString() =>
        $"{At}: {(Accepted is null ? "routing" : "routing (accepted)")}: '{Question}' ({Entry.Id}) {Description}.{(Pull is null ? string.Empty : $" Strongest pull: {Pull}")}";
}

/// <param name="Stale">Accepted routes that no longer happen (fixed, or now going elsewhere): delete them from routing-accepted.yaml.</param>
internal sealed record RoutingReport(int Phrasings, int Home, IReadOnlyList<RoutedToSafety> Safety, IReadOnlyList<RoutingCollision> Collisions, IReadOnlyList<AcceptedRoute> Stale)
{
    /// <summary>Phrasings that tell an emergency or a crisis (<see cref="SoundsUrgent"/>): warnings, not accepted in routing-accepted.yaml.</summary>
    public IReadOnlyList<SoundsUrgent> Urgent { get; init; } = [];

    public IReadOnlyList<RoutingCollision> New => Collisions.Where(c => c.Accepted is null).ToList();
}
