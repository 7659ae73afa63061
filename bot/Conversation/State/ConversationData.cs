using HarmReduction.Bot.Conversation.Dialogs;

namespace HarmReduction.Bot.Conversation.State;

/// <summary>Everything a conversation needs between messages. Never the person's words, never their number.</summary>
public sealed class ConversationData
{
    /// <summary>The dialog stack, top first.</summary>
    public List<DialogInstance> DialogStack { get; set; } = [];

    /// <summary>The language the conversation has been in, used when a message gives no clue ("1", "more").</summary>
    public string? Language { get; set; }

    /// <summary>The entry answered last, so MORE can offer its fuller version.</summary>
    public string? LastEntryId { get; set; }

    /// <summary>Entry ids offered as numbered follow-ups after the last answer.</summary>
    public List<string> FollowUps { get; set; } = [];

    /// <summary>Pages of a long reply not yet sent; MORE sends the next one.</summary>
    public List<string> PendingPages { get; set; } = [];

    /// <summary>Whether MORE on the last entry has already sent its fuller version.</summary>
    public bool DetailsSent { get; set; }

    public int TurnCount { get; set; }

    /// <summary>The emergency rule answered last, while the next messages may still be about it ("he's breathing now").</summary>
    public string? LastEmergency { get; set; }
}
