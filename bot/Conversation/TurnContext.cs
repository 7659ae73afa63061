using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Safety;

namespace HarmReduction.Bot.Conversation;

/// <summary>One turn: the incoming activity, the replies the bot produces for it, and the state it works on.</summary>
public sealed class TurnContext(Activity activity, ChannelProfile channel)
{
    private readonly List<Activity> _replies = [];
    private readonly Lock _repliesLock = new();
    private bool _detached;

    public Activity Activity { get; } = activity;

    public ChannelProfile Channel { get; } = channel;

    /// <summary>The replies so far (a copy: a detached remainder of the turn may still be running).</summary>
    public IReadOnlyList<Activity> Replies
    {
        get
        {
            lock (_repliesLock)
            {
                return [.. _replies];
            }
        }
    }

    /// <summary>Set when the safety check found an emergency or a crisis and its reply is already in <see cref="Replies"/>.</summary>
    public SafetyAssessment? Safety { get; set; }

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
        lock (_repliesLock)
        {
            if (!_detached)
            {
                _replies.Add(reply);
            }
        }

        return Task.CompletedTask;
    }

    public Task SendActivityAsync(string text, CancellationToken cancellationToken) =>
        SendActivityAsync(Activity.CreateMessage(text, Channel.IsSms ? TextFormats.Plain : TextFormats.Markdown), cancellationToken);

    /// <summary>Drops the replies so far (a sender who opted out gets none).</summary>
    public void ClearReplies()
    {
        lock (_repliesLock)
        {
            if (!_detached)
            {
                _replies.Clear();
            }
        }
    }

    /// <summary>
    /// Fixes the replies as they are: whatever the rest of the turn still does (it may be waiting on a slow store) no
    /// longer changes what is sent.
    /// </summary>
    public void Detach()
    {
        lock (_repliesLock)
        {
            _detached = true;
        }
    }
}
