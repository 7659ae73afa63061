using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Semantic;
using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// One consistent view of the knowledge: entries, their indexes (words and meaning) and the safety check, swapped as a
/// whole on reload.
/// </summary>
public sealed class KnowledgeSnapshot
{
    public KnowledgeSnapshot(KnowledgeBase knowledge, RankingWeights weights, RankerKind ranker = RankerKind.Hybrid, SemanticLayer? semantic = null)
    {
        Knowledge = knowledge;
        var words = new KnowledgeIndex(knowledge, weights);
        Index = ranker switch
        {
            RankerKind.Lucene => new LuceneKnowledgeIndex(knowledge),
            RankerKind.Hybrid => new HybridKnowledgeRanker(words, new LuceneKnowledgeIndex(knowledge)),
            _ => words,
        };
        var vectors = semantic?.Vectors;
        var similarities = new SimilarityTable();
        Meaning = vectors is null ? null : new SemanticKnowledgeIndex(knowledge, vectors, similarities);
        Ranker = new FusionRanker(Index, Meaning, semantic?.Fusion ?? new FusionOptions(), words);
        var rulesOnly = new SafetyDetector(knowledge.Safety, KnownWords(knowledge));
        Safety = vectors is null
            ? rulesOnly
            : new SafetyDetector(knowledge.Safety, KnownWords(knowledge), new SituationNet(knowledge.Situations, OrdinaryQuestions(knowledge, rulesOnly), vectors, semantic!.SafetyNet, similarities,
                knowledge.Safety.Emergencies.Where(e => e.AlsoCrisis).Select(e => e.Name)));
    }

    public KnowledgeBase Knowledge { get; }

    /// <summary>The lexical ranker alone.</summary>
    public IKnowledgeRanker Index { get; }

    /// <summary>The meaning of every phrasing; null when the semantic layer is off.</summary>
    public SemanticKnowledgeIndex? Meaning { get; }

    /// <summary>What answers: words and meaning together.</summary>
    public FusionRanker Ranker { get; }

    public SafetyDetector Safety { get; }

    /// <summary>The entries' phrasings that the rules do not take for an emergency or crisis: near misses by construction.</summary>
    private static IEnumerable<LabelledSituation> OrdinaryQuestions(KnowledgeBase knowledge, SafetyDetector rules) =>
        knowledge.Entries.SelectMany(e => e.Questions.Select(q => (Entry: e, Question: q, Assessment: rules.Assess(q))))
            .Where(p => p.Assessment.Kind == SafetyKind.None)
            .Select(p => new LabelledSituation(Situations.None, p.Entry.Lang, p.Question, p.Entry.Position, SafetyDetector.AsksOrSupposes(p.Question, p.Assessment.Framing)));

    /// <summary>Words spelled right: everything the answers, titles and bot messages say, and the real words near a safety phrase's words.</summary>
    private static HashSet<string> KnownWords(KnowledgeBase knowledge)
    {
        var texts = knowledge.Entries.SelectMany(e => new[] { e.Title, e.SmsAnswer, e.WebAnswer })
            .Concat(knowledge.Messages.All.Values.SelectMany(m => m.All().Select(x => x.Item)));
        var known = texts.SelectMany(TextNormalizer.Tokens).ToHashSet(StringComparer.Ordinal);
        known.UnionWith(RealWords.All);
        return known;
    }
}
