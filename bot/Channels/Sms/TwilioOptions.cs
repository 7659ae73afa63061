using System.ComponentModel.DataAnnotations;

namespace HarmReduction.Bot.Channels.Sms;

/// <summary><c>Sms:Twilio:*</c>: how the Twilio webhook at <c>/api/sms</c> is checked and answered.</summary>
public sealed class TwilioOptions
{
    public const string Section = "Sms:Twilio";

    /// <summary>The account's auth token, which signs every webhook. Without it the endpoint is off (Production) or unchecked (Development).</summary>
    public string? AuthToken { get; set; }

    /// <summary>
    /// The public URL Twilio calls, exactly as configured on the number, for a server behind a proxy or load balancer.
    /// Empty: the URL of the request as it arrives.
    /// </summary>
    public string? WebhookUrl { get; set; }

    /// <summary>
    /// How long a turn may take before a short safe reply goes out instead. Twilio gives up after 15 seconds,
    /// and retries on failure, so the answer must come well before.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:12")]
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Largest webhook body read, in bytes (413 above). Twilio's inbound-message posts are a few KB.</summary>
    [Range(4096, 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    public bool HasAuthToken => !string.IsNullOrWhiteSpace(AuthToken);

    public bool HasValidWebhookUrl =>
        string.IsNullOrWhiteSpace(WebhookUrl) || (Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http");
}
