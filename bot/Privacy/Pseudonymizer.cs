using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace HarmReduction.Bot.Privacy;

/// <summary>
/// Replaces identifiers (phone numbers, provider message ids) with keyed pseudonyms: HMAC-SHA256 under
/// <c>Privacy:HashKey</c>. A plain hash would not do: there are few enough phone numbers to hash them all and look one up.
/// The same value always gives the same pseudonym under one key; without the key it cannot be reversed or recomputed.
/// </summary>
public sealed class Pseudonymizer
{
    private readonly byte[] _key;

    public Pseudonymizer(ReadOnlySpan<byte> key)
    {
        if (key.Length < 16)
        {
            throw new ArgumentException("A pseudonym key needs at least 16 bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>A key made for this process only: pseudonyms change when it restarts.</summary>
    public static Pseudonymizer WithRandomKey() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The pseudonym of <paramref name="value"/> for <paramref name="purpose"/> (a constant such as <c>phone</c>), URL-safe.
    /// Different purposes give unrelated pseudonyms for the same value.
    /// </summary>
    public string Pseudonymize(string purpose, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentNullException.ThrowIfNull(value);
        var data = Encoding.UTF8.GetBytes(purpose + ":" + value);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, data, hash);
        return Base64Url.EncodeToString(hash);
    }
}
