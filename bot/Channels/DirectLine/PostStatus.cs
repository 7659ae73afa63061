namespace HarmReduction.Bot.Channels.DirectLine;

public enum PostStatus
{
    Posted,
    ConversationGone,

    /// <summary>The conversation has had <c>DirectLine:MaxActivitiesPerConversation</c> activities; a new one must be started.</summary>
    ConversationFull,
}
