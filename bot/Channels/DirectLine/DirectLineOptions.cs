using System.ComponentModel.DataAnnotations;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>The Direct Line 3.0 server (<c>DirectLine:*</c>): its secret, token lifetime, and the limits every client lives within.</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>Shortest secret accepted: the secret keys every token, so it must not be guessable offline.</summary>
    public const int MinSecretLength = 32;

    /// <summary>
    /// The master key a site's own backend uses for <c>tokens/generate</c>; it also signs tokens and keys transcripts, so
    /// every instance of the service must share it. Without it, <c>tokens/generate</c> is refused and a per-process key is used.
    /// </summary>
    public string? Secret { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Largest activity a client may post, in bytes of JSON (413 above).</summary>
    [Range(1024, 64 * 1024)]
    public int MaxActivityBytes { get; set; } = 16 * 1024;

    /// <summary>Longest message text a client may post, in characters (413 above; the bot reads the first 2,000).</summary>
    [Range(100, 16 * 1024)]
    public int MaxTextLength { get; set; } = 4000;

    /// <summary>Largest <c>channelData</c> or <c>value</c> a client may post, in bytes of JSON (413 above). Only <c>clientActivityID</c> is kept.</summary>
    [Range(64, 16 * 1024)]
    public int MaxChannelDataBytes { get; set; } = 1024;

    /// <summary>Activities one conversation may post per minute (429 above).</summary>
    [Range(1, 10_000)]
    public int PostsPerMinute { get; set; } = 30;

    /// <summary>Activities, posted and answered, one conversation may have over its life (429 above: start a new one).</summary>
    [Range(10, 1_000_000)]
    public int MaxActivitiesPerConversation { get; set; } = 1000;

    /// <summary>Activities kept per transcript; older ones drop off the front (a client that far behind gets what is left).</summary>
    [Range(10, 10_000)]
    public int TranscriptLength { get; set; } = 200;

    /// <summary>Open WebSocket streams per conversation; a newer one closes the oldest (Direct Line's "collision").</summary>
    [Range(1, 100)]
    public int StreamsPerConversation { get; set; } = 4;

    /// <summary>Open WebSocket streams on this instance (429 above).</summary>
    [Range(1, 1_000_000)]
    public int MaxStreams { get; set; } = 10_000;

    /// <summary>How long a web turn in flight may go on after SIGTERM before it is cancelled.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool HasValidSecret => string.IsNullOrEmpty(Secret) || Secret.Length >= MinSecretLength;
}
