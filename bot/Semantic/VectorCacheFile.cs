using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace HarmReduction.Bot.Semantic;

/// <summary>
/// Vectors of the knowledge's own texts (phrasings, titles, labelled situations), kept on disk between runs so a restart or
/// a hot reload encodes only what changed. Records are keyed by a hash of the model id and the text, so a file written by
/// another model is simply never hit. Only the knowledge's texts are stored: people's messages never come here.
/// The file is rewritten whole (to a temporary file, then renamed), so a reader never sees a half-written file, and
/// several processes sharing it at worst recompute a few vectors.
/// </summary>
public sealed partial class VectorCacheFile
{
    private const int KeyBytes = 16;
    private static readonly byte[] Magic = "HRBVEC1\n"u8.ToArray();

    private readonly string? _path;
    private readonly int _dimensions;
    private readonly int _capacity;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<UInt128, float[]> _vectors = [];
    private readonly List<UInt128> _order = [];
    private bool _loaded;

    /// <param name="path">Where the file lives; null keeps vectors in memory only.</param>
    /// <param name="capacity">Most vectors kept; the oldest go first (texts edited away long ago).</param>
    public VectorCacheFile(string? path, int dimensions, int capacity, ILogger logger)
    {
        _path = path;
        _dimensions = dimensions;
        _capacity = capacity;
        _logger = logger;
    }

    /// <summary>The folder of the cache file, where other files derived from the knowledge may be kept; null: memory only.</summary>
    public string? Folder => _path is null ? null : Path.GetDirectoryName(Path.GetFullPath(_path));

    /// <summary>The vector of every text, encoding (in batches) only those not seen before, then saving the file once.</summary>
    public IReadOnlyList<float[]> GetOrEncode(ITextEncoder encoder, IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var keys = texts.Select(t => Key(encoder.ModelId, t)).ToArray();
        var result = new float[texts.Count][];
        var missing = new List<int>();
        lock (_lock)
        {
            EnsureLoaded();
            for (var i = 0; i < texts.Count; i++)
            {
                if (_vectors.TryGetValue(keys[i], out var vector))
                {
                    result[i] = vector;
                }
                else
                {
                    missing.Add(i);
                }
            }
        }

        if (missing.Count == 0)
        {
            return result;
        }

        var distinct = missing.Select(i => texts[i]).Distinct(StringComparer.Ordinal).ToList();
        var encoded = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var batch in distinct.Chunk(64))
        {
            var vectors = encoder.Encode(batch, cancellationToken);
            for (var j = 0; j < batch.Length; j++)
            {
                encoded[batch[j]] = vectors[j];
            }
        }

        lock (_lock)
        {
            foreach (var i in missing)
            {
                result[i] = encoded[texts[i]];
                if (_vectors.TryAdd(keys[i], result[i]))
                {
                    _order.Add(keys[i]);
                }
            }

            Trim();
            Save();
        }

        LogEncoded(_logger, distinct.Count, texts.Count);
        return result;
    }

    internal static UInt128 Key(string modelId, string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(modelId + "\n" + text), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash[..KeyBytes]);
    }

    private void Trim()
    {
        var excess = _order.Count - _capacity;
        if (excess <= 0)
        {
            return;
        }

        foreach (var key in _order.Take(excess))
        {
            _vectors.Remove(key);
        }

        _order.RemoveRange(0, excess);
    }

    private void EnsureLoaded()
    {
        if (_loaded)
        {
            return;
        }

        _loaded = true;
        if (_path is null || !File.Exists(_path))
        {
            return;
        }

        try
        {
            using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new BinaryReader(stream);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadInt32() != _dimensions)
            {
                return;
            }

            var recordBytes = KeyBytes + (_dimensions * sizeof(float));
            var buffer = new byte[recordBytes];
            while (stream.Read(buffer, 0, recordBytes) == recordBytes)
            {
                var key = BinaryPrimitives.ReadUInt128LittleEndian(buffer.AsSpan(0, KeyBytes));
                var vector = new float[_dimensions];
                Buffer.BlockCopy(buffer, KeyBytes, vector, 0, _dimensions * sizeof(float));
                if (_vectors.TryAdd(key, vector))
                {
                    _order.Add(key);
                }
            }
        }
        catch (IOException e)
        {
            LogUnreadable(_logger, _path, e.Message);
        }
    }

    private void Save()
    {
        if (_path is null)
        {
            return;
        }

        try
        {
            AtomicFile.Write(_path, stream =>
            {
                using var writer = new BinaryWriter(stream);
                writer.Write(Magic);
                writer.Write(_dimensions);
                var bytes = new byte[_dimensions * sizeof(float)];
                var keyBytes = new byte[KeyBytes];
                foreach (var key in _order)
                {
                    BinaryPrimitives.WriteUInt128LittleEndian(keyBytes, key);
                    writer.Write(keyBytes);
                    Buffer.BlockCopy(_vectors[key], 0, bytes, 0, bytes.Length);
                    writer.Write(bytes);
                }
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only disk costs start-up time, not correctness: vectors stay in memory.
            LogUnwritable(_logger, _path, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Encoded {Count} new texts of {Total}")]
    private static partial void LogEncoded(ILogger logger, int count, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vector cache {Path} could not be read ({Reason}); encoding again")]
    private static partial void LogUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vector cache {Path} could not be written ({Reason}); vectors stay in memory")]
    private static partial void LogUnwritable(ILogger logger, string path, string reason);
}
