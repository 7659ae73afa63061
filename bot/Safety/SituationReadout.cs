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
/// message costs three dot products. Training takes a second or two, once per distinct bank; the weights are kept beside
/// the vector cache, so a restart with the same bank loads them.
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
    /// Trains on the examples (label, vector), or returns the read-out already trained on the same examples: in this process
    /// (a hot reload that changed no example, a test host started again), or in an earlier run whose weights were kept in
    /// <paramref name="folder"/> under a name made of a hash of every example and the regularization.
    /// </summary>
    /// <param name="folder">Where trained weights are kept between runs (the vector cache's folder); null: memory only.</param>
    public static SituationReadout For(IReadOnlyList<(string Label, float[] Vector)> examples, float l2Regularization, string? folder = null)
    {
        var key = KeyOf(examples, l2Regularization);
        return Trained.GetOrAdd(key, _ => new Lazy<SituationReadout>(() => LoadOrTrain(examples, l2Regularization, key, folder), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private static readonly byte[] Magic = "HRBRDO1\n"u8.ToArray();

    internal static SituationReadout LoadOrTrain(IReadOnlyList<(string Label, float[] Vector)> examples, float l2Regularization, UInt128 key, string? folder)
    {
        var path = folder is null ? null : Path.Combine(folder, $"situation-readout-{key:x32}.bin");
        if (path is not null && TryLoad(path) is { } kept)
        {
            return kept;
        }

        var trained = Train(examples, l2Regularization);
        if (path is not null)
        {
            try
            {
                Semantic.AtomicFile.Write(path, trained.Save);
                // One bank is served at a time: the weights of banks edited away are of no more use.
                foreach (var stale in Directory.EnumerateFiles(folder!, "situation-readout-*.bin").Where(f => !string.Equals(f, path, StringComparison.Ordinal)))
                {
                    File.Delete(stale);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The weights are only a cache: without the file the next start trains again.
            }
        }

        return trained;
    }

    private void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream);
        writer.Write(Magic);
        writer.Write(_sides.Length);
        writer.Write(_weights.Length == 0 ? 0 : _weights[0].Length);
        for (var side = 0; side < _sides.Length; side++)
        {
            writer.Write(_sides[side]);
            writer.Write(_biases[side]);
            foreach (var weight in _weights[side])
            {
                writer.Write(weight);
            }
        }
    }

    /// <summary>The weights kept by an earlier run; null when the file is missing, unreadable or not of this format.</summary>
    private static SituationReadout? TryLoad(string path)
    {
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                return null;
            }

            var sides = reader.ReadInt32();
            var dimensions = reader.ReadInt32();
            if (sides is < 1 or > 16 || dimensions is < 0 or > 4096)
            {
                return null;
            }

            var names = new string[sides];
            var biases = new float[sides];
            var weights = new float[sides][];
            for (var side = 0; side < sides; side++)
            {
                names[side] = reader.ReadString();
                biases[side] = reader.ReadSingle();
                weights[side] = new float[dimensions];
                for (var d = 0; d < dimensions; d++)
                {
                    weights[side][d] = reader.ReadSingle();
                }
            }

            return new SituationReadout(names, weights, biases);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException)
        {
            return null;
        }
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

    internal static UInt128 KeyOf(IReadOnlyList<(string Label, float[] Vector)> examples, float l2Regularization)
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
