using System.Security.Cryptography;
using System.Text;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// Transcripts are kept encrypted (AES-256-GCM), each conversation under its own key derived (HKDF-SHA256) from the key
/// material that signs its tokens and the conversation id. The store never holds a key: a dump of it shows no user or
/// bot text. Whoever holds both the store and <c>DirectLine:Secret</c> could read it, as they could mint tokens.
/// </summary>
public sealed class TranscriptProtector(DirectLineTokens tokens)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Purpose = "HarmReduction.Bot Direct Line transcript"u8.ToArray();

    public byte[] Protect(string conversationId, ReadOnlySpan<byte> plaintext)
    {
        var sealedItem = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedItem.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(KeyFor(conversationId), TagSize);
        aes.Encrypt(nonce, plaintext, sealedItem.AsSpan(NonceSize + TagSize), sealedItem.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(conversationId));
        return sealedItem;
    }

    /// <summary>The plaintext, or null when the item was not sealed for this conversation under this key (tampered, or a key that changed).</summary>
    public byte[]? Unprotect(string conversationId, ReadOnlySpan<byte> sealedItem)
    {
        if (sealedItem.Length < NonceSize + TagSize)
        {
            return null;
        }

        var plaintext = new byte[sealedItem.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(KeyFor(conversationId), TagSize);
            aes.Decrypt(sealedItem[..NonceSize], sealedItem[(NonceSize + TagSize)..], sealedItem.Slice(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(conversationId));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private byte[] KeyFor(string conversationId) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, tokens.KeyMaterial, 32, salt: Encoding.UTF8.GetBytes(conversationId), info: Purpose);
}
