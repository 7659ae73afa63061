using HarmReduction.Bot.Conversation;
using Microsoft.Extensions.Caching.Memory;

namespace HarmReduction.Bot.Semantic;

/// <summary>
/// Vectors of people's messages: computed at most once per turn (the safety net and the ranker share it), and kept in a
/// bounded in-memory cache keyed by a hash of the text, so a repeated message costs nothing. Never written to disk.
/// </summary>
public sealed class MessageEncoder : IDisposable
{
    private const string TurnStateKey = "semantic.message-vector";

    private readonly ITextEncoder _encoder;
    private readonly MemoryCache? _recent;

    public MessageEncoder(ITextEncoder encoder, int cacheSize)
    {
        _encoder = encoder;
        _recent = cacheSize > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = cacheSize }) : null;
    }

    public string ModelId => _encoder.ModelId;

    /// <summary>Messages encoded by the model (cache misses), for benchmarks and load runs.</summary>
    public long Encoded => Interlocked.Read(ref _encoded);

    private long _encoded;

    public float[] Encode(string text)
    {
        var key = VectorCacheFile.Key(_encoder.ModelId, text);
        if (_recent is not null && _recent.TryGetValue(key, out float[]? cached) && cached is not null)
        {
            return cached;
        }

        var vector = _encoder.Encode([text])[0];
        Interlocked.Increment(ref _encoded);
        _recent?.Set(key, vector, new MemoryCacheEntryOptions { Size = 1 });
        return vector;
    }

    /// <summary>The vector of this turn's message, computed once per turn.</summary>
    public float[] Encode(TurnContext turnContext, string text)
    {
        if (turnContext.TurnState.TryGetValue(TurnStateKey, out var value) && value is (string seen, float[] vector) && seen == text)
        {
            return vector;
        }

        var encoded = Encode(text);
        turnContext.TurnState[TurnStateKey] = (text, encoded);
        return encoded;
    }

    public void Dispose() => _recent?.Dispose();
}
