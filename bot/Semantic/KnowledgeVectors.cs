namespace HarmReduction.Bot.Semantic;

/// <summary>Vectors of the knowledge's own texts, from the cache file where it has them and from the model otherwise.</summary>
public sealed class KnowledgeVectors(ITextEncoder encoder, VectorCacheFile cache)
{
    public ITextEncoder Encoder { get; } = encoder;

    /// <summary>Where files derived from these vectors may be kept between runs; null: memory only.</summary>
    public string? CacheFolder => cache.Folder;

    public IReadOnlyList<float[]> For(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        cache.GetOrEncode(Encoder, texts.Select(SemanticText.Prepare).ToList(), cancellationToken);
}

/// <summary>The form a text is encoded in, the same for knowledge and messages.</summary>
public static class SemanticText
{
    /// <summary>The model reads at most 256 word pieces; a few more characters than that is plenty.</summary>
    private const int MaxCharacters = 1200;

    public static string Prepare(string text)
    {
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length <= MaxCharacters ? collapsed : collapsed[..MaxCharacters];
    }
}
