using System.ComponentModel.DataAnnotations;

namespace HarmReduction.Bot.Semantic;

/// <summary>The meaning layer (<c>Semantic:*</c>): sentence vectors for ranking and for the second safety net.</summary>
public sealed class SemanticOptions
{
    public const string Section = "Semantic";

    /// <summary>Off: lexical ranking and the safety rules only (no model is loaded).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where the vectors of the knowledge's own texts are kept between runs (relative to the content root). Empty: in
    /// memory only, every start encodes everything. People's messages are never written here.
    /// </summary>
    public string CachePath { get; set; } = ".cache/knowledge-vectors.bin";

    /// <summary>Most knowledge vectors the cache file keeps.</summary>
    [Range(1000, 10_000_000)]
    public int CacheCapacity { get; set; } = 200_000;

    /// <summary>
    /// Run the model quantised to int8: about twice as fast per message, vectors within 0.99 cosine of the float model's.
    /// Built once into the folder of <see cref="CachePath"/>; if it fails its start-up self-check, the float model is used.
    /// On by default since stop 19: the cache-off load run needs it to reach 400 turns/s on 2 cores (docs/performance.md).
    /// </summary>
    public bool Quantized { get; set; } = true;

    /// <summary>Recent message vectors kept in memory, keyed by a hash of the text (0 turns the cache off).</summary>
    [Range(0, 10_000_000)]
    public int MessageCacheSize { get; set; } = 20_000;
}
