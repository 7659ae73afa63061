namespace HarmReduction.Bot.Channels.DirectLine;

public enum PostStatus
{
    Posted,
    ConversationGone,
    BotFailed,
}
