using System.Text;

namespace HarmReduction.Bot.Semantic.Int8;

/// <summary>
/// Per input channel, the largest |activation| the float model produces at each weight MatMul's input, measured once on
/// <c>calibration.txt</c> and shipped as an embedded resource, so a start never runs calibration. The tests measure them
/// again and fail when the shipped file no longer matches. To regenerate it (after changing the sentences or the model):
/// <c>HRB_WRITE_CALIBRATION=1 dotnet test tests/HarmReduction.Bot.Tests --filter Shipped_activation_maxima</c>, rebuild,
/// and bump <see cref="Int8Quantizer.Version"/> so cached models are rebuilt.
/// </summary>
public static class ActivationMaxima
{
    public const string ResourceName = "semantic/activation-maxima.bin";

    private static readonly byte[] Magic = "HRBACT1\n"u8.ToArray();

    public static IReadOnlyDictionary<string, float[]> Shipped()
    {
        using var stream = typeof(ActivationMaxima).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return Read(stream);
    }

    public static IReadOnlyDictionary<string, float[]> Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not an activation maxima file.");
        }

        var count = reader.ReadInt32();
        var maxima = new Dictionary<string, float[]>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var values = new float[reader.ReadInt32()];
            for (var j = 0; j < values.Length; j++)
            {
                values[j] = reader.ReadSingle();
            }

            maxima[name] = values;
        }

        return maxima;
    }

    public static void Write(Stream stream, IReadOnlyDictionary<string, float[]> maxima)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(maxima.Count);
        foreach (var (name, values) in maxima.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Write(name);
            writer.Write(values.Length);
            foreach (var value in values)
            {
                writer.Write(value);
            }
        }
    }
}
