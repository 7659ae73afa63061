using HarmReduction.Bot.Semantic;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>Vectors set by hand, so a vote's neighbours and their similarities are known.</summary>
internal static class HandSetVectors
{
    public static float[] Unit(float x, float y, float z)
    {
        var vector = new[] { x, y, z };
        Vectors.Normalize(vector);
        return vector;
    }

    /// <summary>An encoder that returns the vector given for each text.</summary>
    public sealed class Encoder(IReadOnlyDictionary<string, float[]> vectors) : ITextEncoder
    {
        public string ModelId => "fixed";

        public int Dimensions => 3;

        public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            texts.Select(t => vectors[t]).ToList();
    }
}
