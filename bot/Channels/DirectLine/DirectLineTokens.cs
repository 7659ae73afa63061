using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// Issues and checks Direct Line tokens: HS256 JWTs whose claims bind one conversation and one user until an expiry.
/// The JWT shape matters to the official clients: they read the <c>user</c> claim and use it as the sender's id.
/// The signing key comes from <c>DirectLine:Secret</c>, or is random per process when no secret is set.
/// </summary>
public sealed class DirectLineTokens
{
    private static readonly byte[] Header = Encoding.UTF8.GetBytes(Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8));
    private static readonly byte[] KeyInfo = "HarmReduction.Bot Direct Line token signing"u8.ToArray();

    private readonly byte[] _key;
    private readonly byte[]? _secret;
    private readonly byte[] _material;
    private readonly TimeProvider _time;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider time)
    {
        var secret = options.Value.Secret;
        _secret = string.IsNullOrWhiteSpace(secret) ? null : Encoding.UTF8.GetBytes(secret);
        _material = _secret ?? RandomNumberGenerator.GetBytes(32);
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, _material, 32, salt: [], info: KeyInfo);
        _time = time;
        Lifetime = options.Value.TokenLifetime;
    }

    public TimeSpan Lifetime { get; }

    /// <summary>The secret (or the per-process random key) other keys are derived from, each with its own purpose.</summary>
    internal byte[] KeyMaterial => _material;

    public IssuedToken Issue(string conversationId, string userId)
    {
        var expires = _time.GetUtcNow() + Lifetime;
        var claims = new TokenClaims(conversationId, userId, expires.ToUnixTimeSeconds());
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims, TokenJson.Default.TokenClaims));
        var signed = $"{Encoding.UTF8.GetString(Header)}.{payload}";
        return new IssuedToken($"{signed}.{Base64Url.EncodeToString(Sign(signed))}", conversationId, userId, (int)Lifetime.TotalSeconds);
    }

    /// <summary>Whether <paramref name="bearer"/> is the configured secret (compared in constant time).</summary>
    public bool IsSecret(string bearer) =>
        _secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(bearer), _secret);

    public TokenCheck Check(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || !Encoding.UTF8.GetBytes(parts[0]).AsSpan().SequenceEqual(Header)
            || !Base64Url.IsValid(parts[1]) || !Base64Url.IsValid(parts[2]))
        {
            return TokenCheck.Invalid;
        }

        var expected = Sign($"{parts[0]}.{parts[1]}");
        if (!CryptographicOperations.FixedTimeEquals(Base64Url.DecodeFromChars(parts[2]), expected))
        {
            return TokenCheck.Invalid;
        }

        TokenClaims? claims;
        try
        {
            claims = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(parts[1]), TokenJson.Default.TokenClaims);
        }
        catch (JsonException)
        {
            return TokenCheck.Invalid;
        }

        if (claims is null || string.IsNullOrEmpty(claims.Conversation) || string.IsNullOrEmpty(claims.User))
        {
            return TokenCheck.Invalid;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.Expires);
        if (_time.GetUtcNow() >= expires)
        {
            return new TokenCheck(TokenStatus.Expired, claims.Conversation, claims.User, expires);
        }

        return new TokenCheck(TokenStatus.Valid, claims.Conversation, claims.User, expires);
    }

    /// <summary>Seconds left before a still-valid token expires.</summary>
    public int SecondsLeft(TokenCheck check) => Math.Max(0, (int)(check.Expires - _time.GetUtcNow()).TotalSeconds);

    private byte[] Sign(string headerAndPayload) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(headerAndPayload));
}
