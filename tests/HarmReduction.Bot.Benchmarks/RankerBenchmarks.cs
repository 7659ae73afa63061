using BenchmarkDotNet.Attributes;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Knowledge.Matching;

namespace HarmReduction.Bot.Benchmarks;

/// <summary>Time to rank the knowledge base for one message, per ranker (docs/answering.md has the figures).</summary>
[MemoryDiagnoser]
public class RankerBenchmarks
{
    private static readonly string[] Messages =
    [
        "how do i use narcan",
        "can u use fent strips on pressed pills",
        "I tried Suboxone once and got violently sick right after the first dose. Why did that happen?",
        "arm is red hot and swollen where i shot up",
        "whats the capital of australia",
        "donde consigo naloxona gratis",
    ];

    private IKnowledgeRanker _ranker = null!;

    [Params(RankerKind.Questions, RankerKind.Lucene, RankerKind.Hybrid)]
    public RankerKind Ranker { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // BenchmarkDotNet runs this in a child process elsewhere; it passes the environment on.
        var folder = Environment.GetEnvironmentVariable("Knowledge__Path") ?? KnowledgeFolder.Resolve("knowledge");
        var result = new KnowledgeLoader(new ResourcesOptions(), TimeProvider.System).Load(folder);
        var knowledge = result.Knowledge
            ?? throw new InvalidOperationException($"The knowledge folder {folder} must validate (set Knowledge__Path):\n" + string.Join("\n", result.Errors));
        _ranker = new KnowledgeSnapshot(knowledge, RankingWeights.Default, Ranker).Index;
    }

    [Benchmark(OperationsPerInvoke = 6)]
    public int RankSixMessages()
    {
        var found = 0;
        foreach (var message in Messages)
        {
            found += _ranker.Search(message, message.StartsWith("donde", StringComparison.Ordinal) ? "es" : "en").Count;
        }

        return found;
    }
}
