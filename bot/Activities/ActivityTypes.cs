namespace HarmReduction.Bot.Activities;

public static class ActivityTypes
{
    public const string Message = "message";
    public const string Typing = "typing";
    public const string ConversationUpdate = "conversationUpdate";
    public const string EndOfConversation = "endOfConversation";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string Trace = "trace";
}

public static class TextFormats
{
    public const string Plain = "plain";
    public const string Markdown = "markdown";
}

public static class InputHints
{
    public const string Accepting = "accepting";
    public const string ExpectingInput = "expectingInput";
    public const string Ignoring = "ignoring";
}

public static class ActionTypes
{
    public const string ImBack = "imBack";
    public const string PostBack = "postBack";
    public const string MessageBack = "messageBack";
    public const string OpenUrl = "openUrl";
    public const string Call = "call";
}

public static class RoleTypes
{
    public const string User = "user";
    public const string Bot = "bot";
}
