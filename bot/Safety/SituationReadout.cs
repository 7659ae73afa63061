using System.Collections.Concurrent;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Runtime.InteropServices;
using HarmReduction.Bot.Knowledge;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace HarmReduction.Bot.Safety;

/// <summary>
/// The third reading of a message's meaning, beside the rules and the neighbours' vote: a linear read-out of the sentence
/// vector (multinomial logistic regression), trained when the knowledge loads on the same labelled messages the
/// neighbours are, on three sides: an emergency of any kind, a crisis, or ordinary (near misses, small talk and every
/// phrasing of the knowledge).
/// Why a second reader of the same examples: the vote asks which few examples a message sits nearest; the read-out asks on
/// which side of everything the bank knows it falls. A crisis said sideways ("if i parked on the old tote road and let the
/// truck run with the windows up nobody would find me til spring") is close to no single example, so its neighbours are a
/// scatter of questions about trucks and winter; but its vector leans the way all 1,750 crisis examples lean together.
/// Trained with ML.NET (L-BFGS maximum entropy); the weights are then read out and applied with a dot product, so judging a
/// message costs three dot products. Training takes a second or two, once per distinct bank in a process.
/// </summary>
public sealed class SituationReadout
{
    public const string EmergencySide = "emergency";
    public const string CrisisSide = "crisis";
    public const string OrdinarySide = "ordinary";

    private static readonly ConcurrentDictionary<UInt128, Lazy<SituationReadout>> Trained = new();

    private readonly float[][] _weights;
    private readonly float[] _biases;
    private readonly string[] _sides;

    private SituationReadout(string[] sides, float[][] weights, float[] biases)
    {
        _sides = sides;
        _weights = weights;
        _biases = biases;
    }

    /// <summary>The side a labelled example teaches: every kind of emergency is one side.</summary>
    public static string SideOf(string label) => label switch
    {
        Situations.Crisis => CrisisSide,
        Situations.None or Situations.OffTopic => OrdinarySide,
        _ => EmergencySide,
    };

    /// <summary>
    /// Trains on the examples (label, vector), or returns the read-out already trained on the same examples in this process:
    /// a hot reload that changed no example, or a test host started again, trains nothing.
    /// </summary>
    public static SituationReadout For(IReadOnlyList<(string Label, float[] Vector)> examples, float l2Regularization)
    {
        var key = KeyOf(examples, l2Regularization);
        return Trained.GetOrAdd(key, _ => new Lazy<SituationReadout>(() => Train(examples, l2Regularization), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>How likely each side is, given the message's vector.</summary>
    public ReadoutScores Read(float[] vector)
    {
        var logits = new double[_sides.Length];
        for (var side = 0; side < _sides.Length; side++)
        {
            logits[side] = _biases[side] + System.Numerics.Tensors.TensorPrimitives.Dot<float>(_weights[side], vector);
        }

        var max = double.MinValue;
        foreach (var logit in logits)
        {
            max = Math.Max(max, logit);
        }

        var total = 0.0;
        for (var side = 0; side < logits.Length; side++)
        {
            logits[side] = Math.Exp(logits[side] - max);
            total += logits[side];
        }

        double Of(string name) => Array.IndexOf(_sides, name) is var at and >= 0 ? Math.Round(logits[at] / total, 4) : 0;
        return new ReadoutScores(Of(EmergencySide), Of(CrisisSide), Of(OrdinarySide));
    }

    private static SituationReadout Train(IReadOnlyList<(string Label, float[] Vector)> examples, float l2Regularization)
    {
        var rows = examples.Select(e => new TrainingRow { Side = SideOf(e.Label), Features = e.Vector }).ToList();
        var dimensions = rows.Count == 0 ? 0 : rows[0].Features.Length;
        if (rows.Select(r => r.Side).Distinct().Count() < 2 || dimensions == 0)
        {
            // Nothing to tell apart (a bank with one side): every message reads as ordinary.
            return new SituationReadout([OrdinarySide], [new float[dimensions]], [0]);
        }

        var ml = new MLContext(seed: 1);
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        schema[nameof(TrainingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(TrainingRow.Side), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(featureColumnName: nameof(TrainingRow.Features), l2Regularization: l2Regularization, enforceNonNegativity: false));
        var model = pipeline.Fit(data);
        var parameters = model.LastTransformer.Model;
        VBuffer<float>[] weights = [];
        parameters.GetWeights(ref weights, out var classes);
        var biases = parameters.GetBiases().ToArray();
        var sides = rows.Select(r => r.Side).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (classes != sides.Length)
        {
            throw new InvalidOperationException($"The read-out learned {classes} sides, expected {sides.Length}.");
        }

        return new SituationReadout(sides, [.. weights.Select(w => w.DenseValues().ToArray())], biases);
    }

    private static UInt128 KeyOf(IReadOnlyList<(string Label, float[] Vector)> examples, float l2Regularization)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(l2Regularization));
        foreach (var (label, vector) in examples)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(SideOf(label)));
            hash.AppendData(MemoryMarshal.AsBytes(vector.AsSpan()));
        }

        return BinaryPrimitives.ReadUInt128LittleEndian(hash.GetHashAndReset());
    }

    private sealed class TrainingRow
    {
        public string Side { get; set; } = "";

        public float[] Features { get; set; } = [];
    }
}

/// <summary>The read-out's probability of each side (they add up to 1).</summary>
public sealed record ReadoutScores(double Emergency, double Crisis, double Ordinary)
{
    public override string ToString() => $"emergency {Emergency:0.000}, crisis {Crisis:0.000}, ordinary {Ordinary:0.000}";
}
