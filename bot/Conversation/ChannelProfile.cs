namespace HarmReduction.Bot.Conversation;

public enum ReplyFormat
{
    /// <summary>Plain text, options as a numbered list, length measured in SMS segments.</summary>
    Sms,

    /// <summary>Markdown, options as suggested-action buttons.</summary>
    Rich,
}

/// <summary>
/// What the engine may know about the channel it serves: how replies are rendered, never who is on the other end.
/// </summary>
public sealed record ChannelProfile(string ChannelId, ReplyFormat Format, int MaxSegments = 3)
{
    public bool IsSms => Format == ReplyFormat.Sms;

    public static ChannelProfile Sms(string channelId = "sms", int maxSegments = 3) => new(channelId, ReplyFormat.Sms, maxSegments);

    public static ChannelProfile Web(string channelId = "webchat") => new(channelId, ReplyFormat.Rich);
}
