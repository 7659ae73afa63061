using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation.State;

namespace HarmReduction.Bot.Conversation;

/// <summary>One turn: the incoming activity, the replies the bot produces for it, and the state it works on.</summary>
public sealed class TurnContext(Activity activity, ChannelProfile channel)
{
    private readonly List<Activity> _replies = [];

    public Activity Activity { get; } = activity;

    public ChannelProfile Channel { get; } = channel;

    public IReadOnlyList<Activity> Replies => _replies;

    /// <summary>Loaded by <see cref="ConversationStateMiddleware"/> before the bot runs, saved once after it.</summary>
    public ConversationData State
    {
        get => _state ?? throw new InvalidOperationException("Conversation state is loaded by ConversationStateMiddleware before the bot runs.");
        set => _state = value;
    }

    public bool HasState => _state is not null;

    /// <summary>The language the reply is written in (<c>en</c> or <c>es</c>), set by the locale middleware.</summary>
    public string Language { get; set; } = "en";

    /// <summary>How the turn was answered: which path, which entry, how confident. Never contains message text.</summary>
    public TurnOutcome Outcome { get; set; } = TurnOutcome.None;

    /// <summary>Values computed once and shared by the steps of this turn (never saved with the conversation).</summary>
    public Dictionary<string, object> TurnState { get; } = new(StringComparer.Ordinal);

    private ConversationData? _state;

    public Task SendActivityAsync(Activity reply, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        reply.ChannelId ??= Activity.ChannelId;
        reply.Conversation ??= Activity.Conversation;
        reply.From ??= Activity.Recipient;
        reply.Recipient ??= Activity.From;
        reply.ReplyToId ??= Activity.Id;
        reply.Locale ??= Language;
        _replies.Add(reply);
        return Task.CompletedTask;
    }

    public Task SendActivityAsync(string text, CancellationToken cancellationToken) =>
        SendActivityAsync(Activity.CreateMessage(text, Channel.IsSms ? TextFormats.Plain : TextFormats.Markdown), cancellationToken);

    internal void ClearReplies() => _replies.Clear();
}
