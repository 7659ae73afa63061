using System.Diagnostics;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Semantic;
using Microsoft.Extensions.Logging.Abstractions;

namespace HarmReduction.Bot.Benchmarks;

/// <summary>
/// Where one message's understanding time goes, part by part, over the benchmark's messages (single thread; wall-clock percentiles and process CPU per message,
/// a rough guide next to the BenchmarkDotNet figures): <c>dotnet run -c Release --project tests/HarmReduction.Bot.Benchmarks -- breakdown</c>.
/// </summary>
internal static class Breakdown
{
    public static void Run()
    {
        var knowledge = BenchmarkData.LoadKnowledge();
        var (messages, languages) = BenchmarkData.Messages(UnderstandingBenchmarks.MessageCount);
        var encoder = MiniLmEncoder.Shared;
        var cache = new VectorCacheFile(BenchmarkData.VectorCachePath(), encoder.Dimensions, 200_000, NullLogger.Instance);
        var semantic = new SemanticLayer(new KnowledgeVectors(encoder, cache), new MessageEncoder(encoder, 0), new FusionOptions(), new SafetyNetOptions());
        var snapshot = new KnowledgeSnapshot(knowledge, RankingWeights.Default, RankerKind.Hybrid, semantic);
        var vectors = messages.Select(m => encoder.Encode([SemanticText.Prepare(m)])[0]).ToArray();

        void Time(string part, Action<int> action)
        {
            for (var i = 0; i < messages.Length; i++)
            {
                action(i);
            }

            var times = new double[messages.Length];
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < messages.Length; i++)
            {
                var watch = Stopwatch.StartNew();
                action(i);
                times[i] = watch.Elapsed.TotalMilliseconds;
            }

            allocated = (GC.GetAllocatedBytesForCurrentThread() - allocated) / messages.Length;
            var cpuPerMessage = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / messages.Length;
            Array.Sort(times);
            Console.WriteLine($"{part,-40} mean {times.Average(),7:F3} ms  p50 {times[times.Length / 2],7:F3} ms  p99 {times[(int)(times.Length * 0.99)],7:F3} ms  CPU {cpuPerMessage,7:F3} ms  allocated {allocated / 1024,6} KB");
        }

        Time("safety rules (Assess without vector)", i => snapshot.Safety.Assess(messages[i]));
        Time("lexical ranking (hybrid)", i => snapshot.Index.Search(messages[i], languages[i], 10));
        Time("encode (MiniLM, ONNX Runtime)", i => encoder.Encode([SemanticText.Prepare(messages[i])]));
        Time("safety rules + net (vector given)", i => snapshot.Safety.Assess(messages[i], () => vectors[i]));
        Time("semantic index search (vector given)", i => snapshot.Meaning!.Search(vectors[i], languages[i], 10));
        Time("fusion ranking (vector given)", i => snapshot.Ranker.Search(messages[i], languages[i], () => vectors[i]));
    }
}
