using System.Text;
using HarmReduction.Bot.Conversation.State;

namespace HarmReduction.Bot.Channels.Sms;

/// <summary>
/// Twilio retries a webhook it thinks failed. The first delivery of a message claims its key; the finished TwiML replaces
/// the claim, so a repeat gets the same reply without running the turn (and changing state) again. Keys are pseudonyms
/// of the message id; the TwiML is the bot's own reply text, never the person's message.
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
    public async Task<Claim> ClaimAsync(string messageKey, CancellationToken cancellationToken)
    {
        var key = KeyFor(messageKey);
        while (true)
        {
            try
            {
                var etag = await storage.WriteAsync(key, new[] { Pending }, expectedETag: null, ClaimLifetime, cancellationToken);
                return new Claim(key, etag, Reply: null);
            }
            catch (EtagConflictException)
            {
                // Another delivery of the same message got here first.
            }

            var item = await storage.ReadAsync(key, cancellationToken);
            if (item is { } found && found.Value.Length > 0 && found.Value.Span[0] == Done)
            {
                return new Claim(key, found.ETag, Encoding.UTF8.GetString(found.Value.Span[1..]));
            }

            if (item is not null)
            {
                await Task.Delay(PollInterval, timeProvider, cancellationToken);
            }
        }
    }

    public Task CompleteAsync(Claim claim, string twiml, CancellationToken cancellationToken)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(twiml) + 1];
        bytes[0] = Done;
        Encoding.UTF8.GetBytes(twiml, bytes.AsSpan(1));
        return storage.WriteAsync(claim.Key, bytes, StorageItem.AnyETag, ReplyLifetime, cancellationToken);
    }

    /// <summary>Gives the message back, so a retry can try again when this delivery could not answer.</summary>
    public Task ReleaseAsync(Claim claim, CancellationToken cancellationToken) => storage.DeleteAsync(claim.Key, cancellationToken);

    public sealed record Claim(string Key, string ETag, string? Reply);
}
