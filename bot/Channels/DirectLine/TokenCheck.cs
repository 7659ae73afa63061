namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>What a presented token says, once its signature is checked.</summary>
public sealed record TokenCheck(TokenStatus Status, string ConversationId, string UserId, DateTimeOffset Expires)
{
    public static readonly TokenCheck Invalid = new(TokenStatus.Invalid, string.Empty, string.Empty, DateTimeOffset.MinValue);
}
