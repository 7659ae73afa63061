using System.Text.Json;
using HarmReduction.Bot.Activities;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// What of a client's activity is kept: its type, text, format, locale, an event's name and small value, and
/// <c>channelData.clientActivityID</c> (Web Chat waits for its echo), and of attachments only their content type (so the
/// bot can say it cannot see photos). Everything else a client may send (arbitrary <c>channelData</c>, entities,
/// attachment contents, names and URLs, extension fields, its own ids) is dropped at the door (review H2, H4).
/// </summary>
public static class StoredActivity
{
    private const int MaxClientActivityIdLength = 100;

    /// <summary>Why the activity is refused (too large), or null when it fits the limits.</summary>
    public static string? Oversized(Activity activity, DirectLineOptions limits)
    {
        if (activity.Text is { } text && text.Length > limits.MaxTextLength)
        {
            return $"The text is over {limits.MaxTextLength} characters.";
        }

        foreach (var (name, element) in new[] { ("channelData", activity.ChannelData), ("value", activity.Value) })
        {
            if (element is { } value && value.GetRawText().Length > limits.MaxChannelDataBytes)
            {
                return $"The {name} is over {limits.MaxChannelDataBytes} bytes.";
            }
        }

        return null;
    }

    /// <summary>The minimal copy kept and answered; the sender, conversation and channel are stamped by the caller.</summary>
    public static Activity FromClient(Activity incoming)
    {
        // Every string kept is cleaned of lone surrogates and noncharacters: JSON cannot carry the former back out (found by fuzzing).
        var kept = new Activity
        {
            Type = Clean(incoming.Type),
            Text = incoming.Text is null ? null : Clean(incoming.Text),
            TextFormat = incoming.TextFormat is "plain" or "markdown" ? incoming.TextFormat : null,
            Locale = incoming.Locale is { Length: <= 20 } locale ? Clean(locale) : null,
            Name = incoming.Name is { Length: <= 100 } name ? Clean(name) : null,
            Value = Writable(incoming.Value),
            ChannelId = incoming.ChannelId == "webchat" ? "webchat" : "directline",
            Attachments = incoming.Attachments is { Count: > 0 } attachments
                ? attachments.Take(10).Select(a => new Attachment { ContentType = a.ContentType is { Length: > 0 and <= 100 } type ? Clean(type) : "application/octet-stream" }).ToList()
                : null,
        };
        if (ClientActivityId(incoming) is { } clientId)
        {
            kept.ChannelData = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["clientActivityID"] = Clean(clientId) });
        }

        return kept;
    }

    /// <summary>The value if it can be written back out as JSON (not if it holds a lone surrogate), else nothing.</summary>
    private static JsonElement? Writable(JsonElement? value)
    {
        if (value is not { } element)
        {
            return null;
        }

        try
        {
            JsonSerializer.SerializeToUtf8Bytes(element);
            return element;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Clean(string text) => Conversation.MessageNormalizationMiddleware.WithoutInvalidCodePoints(text);

    private static string? ClientActivityId(Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("clientActivityID", out var id) && id.ValueKind == JsonValueKind.String
        && id.GetString() is { Length: > 0 and <= MaxClientActivityIdLength } value
            ? value
            : null;
}
