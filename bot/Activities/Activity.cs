using System.Text.Json;
using System.Text.Json.Serialization;

namespace HarmReduction.Bot.Activities;

/// <summary>
/// A Bot Framework activity, wire-compatible with the Activity schema (camelCase JSON, nulls omitted).
/// Fields this service does not model are kept in <see cref="Properties"/> so a channel can pass them through unchanged.
/// </summary>
public sealed class Activity
{
    public required string Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    /// <summary>The sender's local time, kept exactly as the sender wrote it.</summary>
    public string? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ReplyToId { get; set; }
    public string? Text { get; set; }
    public string? TextFormat { get; set; }
    public string? Locale { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public SuggestedActions? SuggestedActions { get; set; }
    public IList<Attachment>? Attachments { get; set; }
    public string? AttachmentLayout { get; set; }
    public IList<Entity>? Entities { get; set; }
    public JsonElement? ChannelData { get; set; }
    public JsonElement? Value { get; set; }
    public string? Name { get; set; }
    public IList<ChannelAccount>? MembersAdded { get; set; }
    public IList<ChannelAccount>? MembersRemoved { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }

    [JsonIgnore]
    public bool IsMessage => string.Equals(Type, ActivityTypes.Message, StringComparison.Ordinal);

    public static Activity CreateMessage(string text, string? textFormat = null) =>
        new() { Type = ActivityTypes.Message, Text = text, TextFormat = textFormat };

    /// <summary>A reply addressed back to the sender of this activity, in the same conversation.</summary>
    public Activity CreateReply(string text, string? textFormat = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = textFormat,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = Conversation,
        From = Recipient,
        Recipient = From,
        ReplyToId = Id,
        Locale = Locale,
    };

    public Activity Clone() => ActivityJson.Deserialize(ActivityJson.Serialize(this));
}
