using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using HarmReduction.Bot.Cli;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Semantic;
using Microsoft.Extensions.Logging.Abstractions;
using Perfolizer.Mathematics.OutlierDetection;

namespace HarmReduction.Bot.Benchmarks;

/// <summary>
/// What understanding one message costs: the safety check (rules, then the labelled neighbours when the rules find no
/// emergency) and the fusion ranking, with the message encoded at most once, as in a turn. One iteration is exactly one
/// message, so the percentile columns are percentiles over messages (a few hundred distinct ones from the eval sets), not
/// over averages. Outliers are kept: they are what p99 is about. Figures in docs/performance.md.
/// </summary>
[Config(typeof(PerMessageConfig))]
public class UnderstandingBenchmarks
{
    public const int MessageCount = 300;

    private string[] _messages = [];
    private string[] _languages = [];
    private KnowledgeSnapshot _snapshot = null!;
    private MessageEncoder? _encoder;
    private int _next;

    [Params(Layer.Lexical, Layer.SemanticCached, Layer.SemanticUncached)]
    public Layer Layer { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var knowledge = BenchmarkData.LoadKnowledge();
        (_messages, _languages) = BenchmarkData.Messages(MessageCount);
        SemanticLayer semantic = SemanticLayer.Off;
        if (Layer != Layer.Lexical)
        {
            var encoder = MiniLmEncoder.Shared;
            var cache = new VectorCacheFile(BenchmarkData.VectorCachePath(), encoder.Dimensions, 200_000, NullLogger.Instance);
            _encoder = new MessageEncoder(encoder, Layer == Layer.SemanticCached ? 20_000 : 0);
            semantic = new SemanticLayer(new KnowledgeVectors(encoder, cache), _encoder, new FusionOptions(), new SafetyNetOptions());
        }

        _snapshot = new KnowledgeSnapshot(knowledge, RankingWeights.Default, RankerKind.Hybrid, semantic);
        if (Layer == Layer.SemanticCached)
        {
            // The cached case measures a repeated text: every message has been seen once.
            foreach (var message in _messages)
            {
                _encoder!.Encode(SemanticText.Prepare(message));
            }
        }
    }

    /// <summary>One message: safety assessment, then (when it is no emergency or crisis) the fusion ranking.</summary>
    [Benchmark]
    public int UnderstandOneMessage()
    {
        var i = _next++ % _messages.Length;
        var text = _messages[i];
        float[]? vector = null;
        Func<float[]>? vectorOf = _encoder is { } encoder ? () => vector ??= encoder.Encode(SemanticText.Prepare(text)) : null;
        var assessment = _snapshot.Safety.Assess(text, vectorOf);
        if (assessment.Kind != SafetyKind.None)
        {
            return -1;
        }

        return _snapshot.Ranker.Search(text, _languages[i], vectorOf).Count;
    }

    [GlobalCleanup]
    public void Cleanup() => _encoder?.Dispose();
}

/// <summary>The encoder alone (no cache): the model's share of <see cref="UnderstandingBenchmarks"/>.</summary>
[Config(typeof(PerMessageConfig))]
public class EncoderBenchmarks
{
    private string[] _messages = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        (_messages, _) = BenchmarkData.Messages(UnderstandingBenchmarks.MessageCount);
        _messages = [.. _messages.Select(SemanticText.Prepare)];
        MiniLmEncoder.Shared.Encode([_messages[0]]);
    }

    [Benchmark]
    public int EncodeOneMessage() => MiniLmEncoder.Shared.Encode([_messages[_next++ % _messages.Length]])[0].Length;
}

public enum Layer
{
    /// <summary>Semantic layer off: the safety rules and the lexical ranker (before the semantic layer).</summary>
    Lexical,

    /// <summary>Semantic layer on, the message's vector already in the in-memory cache (a repeated text).</summary>
    SemanticCached,

    /// <summary>Semantic layer on, message cache off: every message is encoded.</summary>
    SemanticUncached,
}

/// <summary>
/// Every iteration is one invocation of one message, and every message is measured once per pass: percentiles over
/// messages. Warm-up passes go through the same messages first.
/// </summary>
public sealed class PerMessageConfig : ManualConfig
{
    public PerMessageConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(UnderstandingBenchmarks.MessageCount / 3)
            .WithIterationCount(UnderstandingBenchmarks.MessageCount * 2)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithOutlierMode(OutlierMode.DontRemove));
        AddColumn(StatisticColumn.Mean, StatisticColumn.P50, StatisticColumn.P90, StatisticColumn.P95, new P99Column(), StatisticColumn.Max);
        AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
        WithOptions(ConfigOptions.Default);
    }
}

internal static class BenchmarkData
{
    public static KnowledgeBase LoadKnowledge()
    {
        var folder = Environment.GetEnvironmentVariable("Knowledge__Path") ?? KnowledgeFolder.Resolve("knowledge");
        var result = new KnowledgeLoader(new ResourcesOptions(), TimeProvider.System).Load(folder);
        return result.Knowledge
            ?? throw new InvalidOperationException($"The knowledge folder {folder} must validate (set Knowledge__Path):\n" + string.Join("\n", result.Errors));
    }

    /// <summary>The server's vector cache file (repository root .cache/), so a run after the server's first start encodes nothing.</summary>
    public static string VectorCachePath() =>
        Path.Combine(Path.GetDirectoryName(KnowledgeFolder.Resolve("knowledge"))!, ".cache", "knowledge-vectors.bin");

    /// <summary>
    /// <paramref name="count"/> distinct messages spread evenly over the eval sets in tests/eval (questions, emergencies,
    /// crises, out of scope; English and Spanish), cleaned as the pipeline cleans them, with their language.
    /// </summary>
    public static (string[] Messages, string[] Languages) Messages(int count)
    {
        var folder = Path.Combine(Path.GetDirectoryName(KnowledgeFolder.Resolve("knowledge"))!, "tests", "eval");
        var all = Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(EvalItem.Load)
            .Select(item => (Text: MessageNormalizationMiddleware.Normalize(item.Q), item.Lang))
            .Where(m => m.Text.Length > 0)
            .DistinctBy(m => m.Text, StringComparer.Ordinal)
            .ToList();
        if (all.Count < count)
        {
            throw new InvalidOperationException($"Only {all.Count} distinct messages in {folder}; {count} wanted.");
        }

        var step = (double)all.Count / count;
        var picked = Enumerable.Range(0, count).Select(i => all[(int)(i * step)]).ToList();
        return ([.. picked.Select(p => p.Text)], [.. picked.Select(p => LanguageDetector.Detect(p.Text) ?? "en")]);
    }
}

/// <summary>The 99th percentile of the measurements (BenchmarkDotNet ships P0 to P100 in steps, without P99).</summary>
public sealed class P99Column : IColumn
{
    public string Id => "P99";

    public string ColumnName => "P99";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Statistics;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Time;

    public string Legend => "99th percentile of the measurements";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var values = summary[benchmarkCase]?.ResultStatistics?.OriginalValues;
        if (values is null || values.Count == 0)
        {
            return "NA";
        }

        var sorted = values.Order().ToArray();
        var nanoseconds = sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.99 * sorted.Length) - 1)];
        return $"{nanoseconds / 1e6:N3} ms";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
