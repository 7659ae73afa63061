using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation;

namespace HarmReduction.Bot.Tests.Harness;

/// <summary>
/// A channel adapter for tests (Bot Framework's TestAdapter idiom): fills in channel, conversation and accounts,
/// numbers the activities, runs the real pipeline and queues the bot's replies.
/// </summary>
public sealed class TestAdapter(TurnPipeline pipeline, ChannelProfile channel, string? conversationId = null)
{
    private int _nextId;

    public ChannelProfile Channel { get; } = channel;

    public string ConversationId { get; } = conversationId ?? Guid.NewGuid().ToString("N");

    public Queue<Activity> ActiveQueue { get; } = new();

    public TurnOutcome LastOutcome { get; private set; } = TurnOutcome.None;

    public string LastLanguage { get; private set; } = "en";

    public Activity MakeActivity(string text) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Locale = "en-US",
    };

    public async Task ProcessActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        activity.Id ??= (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        activity.ChannelId ??= Channel.ChannelId;
        activity.Conversation ??= new ConversationAccount { Id = ConversationId };
        activity.From ??= new ChannelAccount { Id = "user1", Role = RoleTypes.User };
        activity.Recipient ??= new ChannelAccount { Id = "bot", Role = RoleTypes.Bot };
        activity.Timestamp ??= DateTimeOffset.UtcNow;
        var result = await pipeline.ProcessActivityAsync(activity, Channel, cancellationToken);
        LastOutcome = result.Outcome;
        LastLanguage = result.Language;
        foreach (var reply in result.Replies)
        {
            ActiveQueue.Enqueue(reply);
        }
    }

    public Task SendTextToBotAsync(string text, CancellationToken cancellationToken = default) =>
        ProcessActivityAsync(MakeActivity(text), cancellationToken);

    public Activity? GetNextReply() => ActiveQueue.Count > 0 ? ActiveQueue.Dequeue() : null;
}
