using System.Security.Cryptography;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Knowledge;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// The Direct Line channel adapter: a posted activity is stamped by the server (id, time, sender from the token),
/// echoed into the transcript (Web Chat waits for that echo with its <c>channelData.clientActivityID</c>), run
/// through the turn pipeline, and the bot's replies are appended after it. Open streams are told at each step.
/// </summary>
public sealed partial class DirectLineTurns(
    ConversationStore store,
    StreamHub hub,
    TurnPipeline pipeline,
    IOptions<ResourcesOptions> resources,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DirectLineTurns> logger)
{
    public const string BotId = "harmreduction-bot";

    /// <summary>Typing is repeated while a turn runs, at the pace the Activity spec asks senders to keep.</summary>
    private static readonly TimeSpan TypingInterval = TimeSpan.FromSeconds(3);
    private static readonly ChannelProfile Profile = ChannelProfile.Web("webchat");

    public ChannelAccount Bot => new() { Id = BotId, Name = resources.Value.For("en").ProgramName, Role = RoleTypes.Bot };

    /// <summary>Echoes and answers one client activity; the id of the echo, or why it failed.</summary>
    public async Task<PostOutcome> PostAsync(DirectLineConversation conversation, Activity incoming, string serviceUrl)
    {
        // The turn finishes even if the client hangs up, so the transcript is whole when it comes back.
        var cancellationToken = lifetime.ApplicationStopping;
        var user = new ChannelAccount { Id = conversation.UserId, Role = RoleTypes.User };
        if (incoming.Type == ActivityTypes.Typing)
        {
            // Someone typing is not kept or answered.
            return new PostOutcome(PostStatus.Posted, $"{conversation.Id}|typing-{RandomNumberGenerator.GetHexString(8, lowercase: true)}");
        }

        incoming.Id = null;
        incoming.ServiceUrl = serviceUrl;
        incoming.ChannelId = incoming.ChannelId == "webchat" ? "webchat" : "directline";
        incoming.From = user;
        incoming.Recipient = Bot;
        incoming.Conversation = new ConversationAccount { Id = conversation.Id };
        incoming.Locale ??= conversation.Locale;
        incoming.Properties?.Remove("callerId");

        var stored = await store.AppendAsync(conversation.Id, [incoming], cancellationToken);
        if (stored is null)
        {
            return new PostOutcome(PostStatus.ConversationGone, null);
        }

        var echo = stored[0];
        hub.Push(conversation.Id, stored);

        TurnResult result;
        using (var typing = incoming.IsMessage ? StartTyping(conversation.Id, echo, cancellationToken) : null)
        {
            try
            {
                result = await pipeline.ProcessActivityAsync(echo.Clone(), Profile, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The exception's message could quote what was said; its type and stack are enough to find the fault.
                LogTurnFailed(logger, ex.GetType().FullName, ex.StackTrace);
                return new PostOutcome(PostStatus.BotFailed, echo.Id);
            }
        }

        var replies = result.Replies.Select(reply =>
        {
            reply.ServiceUrl = serviceUrl;
            reply.From = Bot;
            reply.Recipient = user;
            reply.Conversation = echo.Conversation;
            return reply;
        }).ToList();
        if (replies.Count > 0 && await store.AppendAsync(conversation.Id, replies, cancellationToken) is { } storedReplies)
        {
            hub.Push(conversation.Id, storedReplies);
        }

        return new PostOutcome(PostStatus.Posted, echo.Id);
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
}
