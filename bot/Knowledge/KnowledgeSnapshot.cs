using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Knowledge;

/// <summary>One consistent view of the knowledge: entries, their index and the safety patterns, swapped as a whole on reload.</summary>
public sealed class KnowledgeSnapshot(KnowledgeBase knowledge, RankingWeights weights, RankerKind ranker = RankerKind.Hybrid)
{
    public KnowledgeBase Knowledge { get; } = knowledge;

    public IKnowledgeRanker Index { get; } = ranker switch
    {
        RankerKind.Lucene => new LuceneKnowledgeIndex(knowledge),
        RankerKind.Hybrid => new HybridKnowledgeRanker(new KnowledgeIndex(knowledge, weights), new LuceneKnowledgeIndex(knowledge)),
        _ => new KnowledgeIndex(knowledge, weights),
    };

    public SafetyDetector Safety { get; } = new(knowledge.Safety, KnownWords(knowledge));

    /// <summary>Words spelled right: everything the answers, titles and bot messages say.</summary>
    private static HashSet<string> KnownWords(KnowledgeBase knowledge)
    {
        var texts = knowledge.Entries.SelectMany(e => new[] { e.Title, e.SmsAnswer, e.WebAnswer })
            .Concat(knowledge.Messages.All.Values.SelectMany(m => m.All().Select(x => x.Item)));
        return texts.SelectMany(TextNormalizer.Tokens).ToHashSet(StringComparer.Ordinal);
    }
}
