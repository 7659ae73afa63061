using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using HarmReduction.Bot.Conversation.State;

namespace HarmReduction.Bot.Channels.Sms;

/// <summary>
/// Twilio retries a webhook it thinks failed. The first delivery of a message claims its key; the finished TwiML replaces
/// the claim, so a repeat gets the same reply without running the turn (and changing state) again. Keys are pseudonyms
/// of the message id; the TwiML (the bot's own reply text, never the person's message) is encrypted under a key derived
/// from the message id by a second pseudonym, so the store alone cannot read it: only a delivery of the same message can.
/// </summary>
public sealed class ReplyCache(IStorage storage, TimeProvider timeProvider)
{
    /// <summary>Long enough for every retry Twilio makes, short enough to keep nothing about a conversation for long.</summary>
    public static readonly TimeSpan ReplyLifetime = TimeSpan.FromHours(1);

    /// <summary>A claim whose turn died with its process must not block the retries for long.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private const byte Pending = (byte)'P';
    private const byte Done = (byte)'D';

    public static string KeyFor(string messageKey) => $"sms/replies/{messageKey}";

    /// <summary>
    /// Either the stored reply of an earlier delivery, or a claim to answer this one (<see cref="Claim.Reply"/> null).
    /// While another delivery of the message is still being answered, waits for its reply until cancelled.
    /// </summary>
    public async Task<Claim> ClaimAsync(string messageKey, string replySecret, CancellationToken cancellationToken)
    {
        var secret = Base64Url.DecodeFromChars(replySecret);
        var key = KeyFor(messageKey);
        while (true)
        {
            try
            {
                var etag = await storage.WriteAsync(key, new[] { Pending }, expectedETag: null, ClaimLifetime, cancellationToken);
                return new Claim(key, etag, Reply: null, secret);
            }
            catch (EtagConflictException)
            {
                // Another delivery of the same message got here first.
            }

            var item = await storage.ReadAsync(key, cancellationToken);
            if (item is { } found && found.Value.Length > 0 && found.Value.Span[0] == Done)
            {
                return Open(secret, found.Value.Span[1..]) is { } reply
                    ? new Claim(key, found.ETag, reply, secret)
                    : new Claim(key, found.ETag, Reply: null, secret);
            }

            if (item is not null)
            {
                await Task.Delay(PollInterval, timeProvider, cancellationToken);
            }
        }
    }

    public Task CompleteAsync(Claim claim, string twiml, CancellationToken cancellationToken)
    {
        var plaintext = Encoding.UTF8.GetBytes(twiml);
        var bytes = new byte[1 + NonceSize + TagSize + plaintext.Length];
        bytes[0] = Done;
        var nonce = bytes.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(claim.Secret, TagSize);
        aes.Encrypt(nonce, plaintext, bytes.AsSpan(1 + NonceSize + TagSize), bytes.AsSpan(1 + NonceSize, TagSize));
        return storage.WriteAsync(claim.Key, bytes, StorageItem.AnyETag, ReplyLifetime, cancellationToken);
    }

    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>The stored reply, or null when it does not open under this secret.</summary>
    private static string? Open(byte[] secret, ReadOnlySpan<byte> sealedReply)
    {
        if (sealedReply.Length < NonceSize + TagSize)
        {
            return null;
        }

        var plaintext = new byte[sealedReply.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(secret, TagSize);
            aes.Decrypt(sealedReply[..NonceSize], sealedReply[(NonceSize + TagSize)..], sealedReply.Slice(NonceSize, TagSize), plaintext);
            return Encoding.UTF8.GetString(plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    /// <summary>Gives the message back, so a retry can try again when this delivery could not answer.</summary>
    public Task ReleaseAsync(Claim claim, CancellationToken cancellationToken) => storage.DeleteAsync(claim.Key, cancellationToken);

    public sealed record Claim(string Key, string ETag, string? Reply, byte[] Secret);
}
