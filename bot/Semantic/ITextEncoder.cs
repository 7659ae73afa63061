namespace HarmReduction.Bot.Semantic;

/// <summary>
/// The one place that turns text into meaning: a unit-length vector, so the dot product of two vectors is their cosine.
/// Encoding is CPU work (a small transformer), so it is synchronous; callers batch where they can.
/// </summary>
public interface ITextEncoder
{
    /// <summary>Names the model and its version; vectors cached under another model id are never reused.</summary>
    string ModelId { get; }

    int Dimensions { get; }

    IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
