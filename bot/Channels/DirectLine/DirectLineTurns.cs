using System.Security.Cryptography;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// The Direct Line channel adapter: a posted activity is cut to what is kept (<see cref="StoredActivity"/>), stamped by
/// the server (id, time, sender from the token), echoed into the transcript (Web Chat waits for that echo with its
/// <c>channelData.clientActivityID</c>), run through the turn pipeline, and the bot's replies are appended after it.
/// Open streams are told at each step. Turns of one conversation run one at a time, finish when the client hangs up
/// and drain at SIGTERM. A stored message is never reported as failed: if the bot fails, a short safe reply is stored
/// instead. With the state store down, a token holder's message is still answered (an emergency in full), from this
/// instance's memory (<see cref="OutageTranscripts"/>).
/// </summary>
public sealed partial class DirectLineTurns(
    ConversationStore store,
    StreamHub hub,
    TurnPipeline pipeline,
    ConversationGate gate,
    OutageTranscripts outage,
    SafetyMiddleware safety,
    TurnDrain drain,
    IOptions<DirectLineOptions> limits,
    IOptions<ResourcesOptions> resources,
    TimeProvider time,
    ILogger<DirectLineTurns> logger)
{
    public const string BotId = "harmreduction-bot";

    /// <summary>Typing is repeated while a turn runs, at the pace the Activity spec asks senders to keep.</summary>
    private static readonly TimeSpan TypingInterval = TimeSpan.FromSeconds(3);
    private static readonly ChannelProfile Profile = ChannelProfile.Web("webchat");

    public ChannelAccount Bot => new() { Id = BotId, Name = resources.Value.For("en").ProgramName, Role = RoleTypes.Bot };

    /// <summary>Echoes and answers one client activity; the id of the echo, or why there is none.</summary>
    public async Task<PostOutcome> PostAsync(string conversationId, DirectLineCaller caller, Activity incoming, string serviceUrl)
    {
        var cancellationToken = drain.Token;
        if (incoming.Type == ActivityTypes.Typing)
        {
            // Someone typing is not kept or answered.
            return new PostOutcome(PostStatus.Posted, $"{conversationId}|typing-{RandomNumberGenerator.GetHexString(8, lowercase: true)}");
        }

        // An emergency waits for the store no longer than Safety:StateTimeout (a store client may not honour cancellation).
        var storeWait = incoming.IsMessage && safety.IsUrgent(incoming.Text) ? safety.StateTimeout : Timeout.InfiniteTimeSpan;
        using var turn = await gate.EnterAsync("directline/" + conversationId, cancellationToken);
        DirectLineConversation? conversation;
        try
        {
            conversation = await store.GetAsync(conversationId, cancellationToken).WaitAsync(storeWait, time, cancellationToken);
        }
        catch (Exception e) when (StoreFault.Is(e, cancellationToken) && caller.Token is { } token)
        {
            LogStoreDown(logger, e.GetType().Name);
            conversation = new DirectLineConversation { Id = conversationId, UserId = token.UserId };
            return await PostWithoutStoreAsync(conversation, Stamp(incoming, conversation, serviceUrl), cancellationToken);
        }

        if (conversation is null)
        {
            return new PostOutcome(PostStatus.ConversationGone, null);
        }

        if (conversation.LastSequence >= limits.Value.MaxActivitiesPerConversation)
        {
            return new PostOutcome(PostStatus.ConversationFull, null);
        }

        var message = Stamp(incoming, conversation, serviceUrl);
        IReadOnlyList<Activity>? stored;
        try
        {
            stored = await store.AppendAsync(conversation.Id, [message], cancellationToken).WaitAsync(storeWait, time, cancellationToken);
        }
        catch (Exception e) when (StoreFault.Is(e, cancellationToken))
        {
            LogStoreDown(logger, e.GetType().Name);
            return await PostWithoutStoreAsync(conversation, message, cancellationToken);
        }

        if (stored is null)
        {
            return new PostOutcome(PostStatus.ConversationGone, null);
        }

        var echo = stored[0];
        hub.Push(conversation.Id, stored);
        var replies = await AnswerAsync(conversation, echo, cancellationToken);
        if (replies.Count > 0)
        {
            try
            {
                if (await store.AppendAsync(conversation.Id, replies, cancellationToken).WaitAsync(storeWait, time, cancellationToken) is { } storedReplies)
                {
                    hub.Push(conversation.Id, storedReplies);
                }
            }
            catch (Exception e) when (StoreFault.Is(e, cancellationToken))
            {
                // The store went down during the turn: the client still gets the answer from this instance.
                LogStoreDown(logger, e.GetType().Name);
                hub.PushUnstored(conversation.Id, outage.Add(conversation.Id, replies));
            }
        }

        return new PostOutcome(PostStatus.Posted, echo.Id);
    }

    private async Task<PostOutcome> PostWithoutStoreAsync(DirectLineConversation conversation, Activity message, CancellationToken cancellationToken)
    {
        var echo = outage.Add(conversation.Id, [message])[0];
        hub.PushUnstored(conversation.Id, [echo]);
        var replies = await AnswerAsync(conversation, echo, cancellationToken);
        if (replies.Count > 0)
        {
            hub.PushUnstored(conversation.Id, outage.Add(conversation.Id, replies));
        }

        return new PostOutcome(PostStatus.Posted, echo.Id);
    }

    /// <summary>The bot's replies, addressed; the emergency reply or a short safe reply when the turn fails.</summary>
    private async Task<List<Activity>> AnswerAsync(DirectLineConversation conversation, Activity echo, CancellationToken cancellationToken)
    {
        IReadOnlyList<Activity> replies;
        using (var typing = echo.IsMessage ? StartTyping(conversation.Id, echo, cancellationToken) : null)
        {
            try
            {
                replies = (await pipeline.ProcessActivityAsync(echo.Clone(), Profile, cancellationToken)).Replies;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The exception's message could quote what was said; its type and stack are enough to find the fault.
                LogTurnFailed(logger, ex.GetType().FullName, ex.StackTrace);
                replies = await FallbackAsync(echo);
            }
        }

        var user = echo.From;
        return replies.Select(reply =>
        {
            reply.ServiceUrl = echo.ServiceUrl;
            reply.From = Bot;
            reply.Recipient = user;
            reply.Conversation = echo.Conversation;
            reply.ReplyToId = echo.Id;
            return reply;
        }).ToList();
    }

    /// <summary>What a failed turn answers: the emergency or crisis reply when it is one (it needs no state), else a short notice.</summary>
    private async Task<IReadOnlyList<Activity>> FallbackAsync(Activity echo)
    {
        var message = echo.Clone();
        message.Text = MessageNormalizationMiddleware.Normalize(message.Text);
        var turn = new TurnContext(message, Profile);
        if (await safety.AnswerAsync(turn, CancellationToken.None))
        {
            return turn.Replies;
        }

        if (!echo.IsMessage)
        {
            return [];
        }

        var emergency = resources.Value.For("en").EmergencyNumber;
        return [Activity.CreateMessage($"Sorry, I can't answer right now. Please try again in a few minutes, or call {emergency} in an emergency.", TextFormats.Plain)];
    }

    private Activity Stamp(Activity incoming, DirectLineConversation conversation, string serviceUrl)
    {
        var message = StoredActivity.FromClient(incoming);
        message.ServiceUrl = serviceUrl;
        message.From = new ChannelAccount { Id = conversation.UserId, Role = RoleTypes.User };
        message.Recipient = Bot;
        message.Conversation = new ConversationAccount { Id = conversation.Id };
        message.Locale ??= conversation.Locale;
        return message;
    }

    private TypingLoop StartTyping(string conversationId, Activity echo, CancellationToken cancellationToken)
    {
        var typing = new Activity
        {
            Type = ActivityTypes.Typing,
            ChannelId = echo.ChannelId,
            From = Bot,
            Recipient = echo.From,
            Conversation = echo.Conversation,
            ReplyToId = echo.Id,
        };
        return new TypingLoop(() =>
        {
            typing.Timestamp = time.GetUtcNow();
            hub.Typing(conversationId, typing.Clone());
        }, TypingInterval, time, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A Direct Line turn failed with {ExceptionType} at {StackTrace}")]
    private static partial void LogTurnFailed(ILogger logger, string? exceptionType, string? stackTrace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line post without the state store ({Error}): answered from this instance's memory.")]
    private static partial void LogStoreDown(ILogger logger, string error);
}
