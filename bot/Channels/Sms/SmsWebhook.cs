using System.Text.Json;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Hosting;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Privacy;
using HarmReduction.Bot.Safety;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.Sms;

/// <summary>
/// One inbound SMS, from Twilio's fields to the TwiML answer. The number becomes a keyed pseudonym here, at the door:
/// nothing past this class sees it. Each message is answered once (Twilio's retries get the same reply) and always
/// in time: a turn that fails or runs long gets a short safe reply instead of an error Twilio would retry. An emergency
/// or crisis reply does not depend on the state store (see <c>SafetyMiddleware</c>); the "can't answer right now" notice
/// goes only to a sender this instance knows has not opted out, never to one who has or may have.
/// </summary>
public sealed partial class SmsWebhook(
    TurnPipeline pipeline,
    Pseudonymizer pseudonymizer,
    ReplyCache replyCache,
    OptOutStore optOuts,
    SafetyMiddleware safety,
    IOptions<SafetyOptions> safetyOptions,
    IOptions<TwilioOptions> twilio,
    IOptions<ChannelOptions> channels,
    IOptions<ResourcesOptions> resources,
    TimeProvider timeProvider,
    ILogger<SmsWebhook> logger)
{
    public const string ChannelId = "twilio-sms";

    public async Task<string> AnswerAsync(TwilioMessage message, CancellationToken cancellationToken)
    {
        var messageKey = pseudonymizer.Pseudonymize("twilio-message", message.MessageSid);
        var sender = pseudonymizer.Pseudonymize("phone", message.From);
        var timeout = twilio.Value.ReplyTimeout;

        // One deadline for everything, waiting on an earlier delivery of the same message included.
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        ReplyCache.Claim? claim = null;
        string twiml;
        try
        {
            claim = await TryClaimAsync(messageKey, pseudonymizer.Pseudonymize("twilio-message-reply", message.MessageSid), linked.Token);
            if (claim?.Reply is { } earlier)
            {
                LogRepeat(logger);
                return earlier;
            }

            var profile = channels.Value.SmsProfile(ChannelId);
            var result = await pipeline.ProcessActivityAsync(ToActivity(message, messageKey, sender), profile, linked.Token).WaitAsync(linked.Token);
            var replies = SmsReplyRenderer.Render(result.Replies);
            var charset = replies.Count == 0 ? "none" : replies.Any(r => r.Length.Charset == SmsCharset.Ucs2) ? "UCS-2" : "GSM-7";
            LogReply(logger, replies.Count, replies.Sum(r => r.Length.Segments), charset);
            twiml = Twiml.Messages(replies.Select(r => r.Text));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimeout(logger, timeout.TotalSeconds);
            await ReleaseAsync(claim);
            return await OutageReplyAsync(message, messageKey, sender);
        }
        catch (OperationCanceledException)
        {
            // Twilio hung up; its retry may try again.
            await ReleaseAsync(claim);
            throw;
        }
        catch (Exception e)
        {
            // The exception's message could quote what was said; its type and stack are enough to find the fault.
            LogFailure(logger, e.GetType().FullName, e.StackTrace);
            await ReleaseAsync(claim);
            return await OutageReplyAsync(message, messageKey, sender);
        }

        await CompleteAsync(claim, twiml, cancellationToken);
        return twiml;
    }

    /// <summary>The activity the engine sees: pseudonyms for the sender and our number, the text, and nothing else from the form.</summary>
    private Activity ToActivity(TwilioMessage message, string messageKey, string sender)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = messageKey,
            ChannelId = ChannelId,
            Timestamp = timeProvider.GetUtcNow(),
            From = new ChannelAccount { Id = sender, Role = RoleTypes.User },
            Recipient = new ChannelAccount { Id = pseudonymizer.Pseudonymize("phone", message.To), Role = RoleTypes.Bot },
            Conversation = new ConversationAccount { Id = sender },
            Text = message.Body,
            TextFormat = TextFormats.Plain,
        };
        if (SmsKeywords.FromOptOutType(message.OptOutType) != SmsKeyword.None)
        {
            activity.ChannelData = JsonSerializer.SerializeToElement(new Dictionary<string, string>
            {
                [SmsKeywordMiddleware.OptOutTypeField] = message.OptOutType!.Trim().ToUpperInvariant(),
            });
        }

        return activity;
    }

    /// <summary>
    /// What goes out when the engine could not answer in time: the emergency or crisis reply when the text is one (it
    /// needs no store), else the safe reply to a sender known to be active; nothing to one who opted out, and no outage
    /// notice to one whose status the store could not tell.
    /// </summary>
    private async Task<string> OutageReplyAsync(TwilioMessage message, string messageKey, string sender)
    {
        var status = optOuts.KnownStatus(ChannelId, sender);
        if (status != OptOutStatus.OptedOut)
        {
            var activity = ToActivity(message, messageKey, sender);
            activity.Text = Conversation.MessageNormalizationMiddleware.Normalize(activity.Text);
            var turn = new TurnContext(activity, channels.Value.SmsProfile(ChannelId));
            if (await safety.AnswerAsync(turn, CancellationToken.None))
            {
                LogSafetyWithoutTurn(logger);
                return Twiml.Messages(SmsReplyRenderer.Render(turn.Replies).Select(r => r.Text));
            }
        }

        if (status != OptOutStatus.Active)
        {
            LogSilentOutage(logger, status.ToString());
            return Twiml.Empty;
        }

        return SafeReply();
    }

    /// <summary>Short, and never without the emergency number.</summary>
    private string SafeReply()
    {
        var emergency = resources.Value.For("en").EmergencyNumber;
        return Twiml.Messages([$"Sorry, I can't answer right now. Please text again in a few minutes, or call {emergency} in an emergency."]);
    }

    /// <summary>
    /// The reply cache lives in the state store; if that is down or slow, answer anyway (a retry may then run twice). It
    /// gets no longer than an emergency turn gives the store, so a paused store cannot hold an emergency reply back.
    /// </summary>
    private async Task<ReplyCache.Claim?> TryClaimAsync(string messageKey, string replySecret, CancellationToken cancellationToken)
    {
        try
        {
            return await replyCache.ClaimAsync(messageKey, replySecret, cancellationToken).WaitAsync(safetyOptions.Value.StateTimeout, timeProvider, cancellationToken);
        }
        catch (Exception e) when (StoreFault.Is(e, cancellationToken))
        {
            LogCacheFailure(logger, e.GetType().Name);
            return null;
        }
    }

    private async Task CompleteAsync(ReplyCache.Claim? claim, string twiml, CancellationToken cancellationToken)
    {
        if (claim is null)
        {
            return;
        }

        try
        {
            // Bounded like the claim: a reply already made never waits long for a slow store.
            await replyCache.CompleteAsync(claim, twiml, cancellationToken).WaitAsync(safetyOptions.Value.StateTimeout, timeProvider, cancellationToken);
        }
        catch (Exception e) when (StoreFault.Is(e, cancellationToken))
        {
            LogCacheFailure(logger, e.GetType().Name);
        }
    }

    private async Task ReleaseAsync(ReplyCache.Claim? claim)
    {
        if (claim is null)
        {
            return;
        }

        try
        {
            await replyCache.ReleaseAsync(claim, CancellationToken.None).WaitAsync(safetyOptions.Value.StateTimeout, timeProvider);
        }
        catch (Exception e)
        {
            LogCacheFailure(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS reply: {Messages} message(s), {Segments} segment(s), {Charset}")]
    private static partial void LogReply(ILogger logger, int messages, int segments, string charset);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS delivered again by Twilio: answered without running the turn again.")]
    private static partial void LogRepeat(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS turn took longer than {Seconds} s: sent the safe reply.")]
    private static partial void LogTimeout(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "SMS turn failed with {ExceptionType} at {StackTrace}")]
    private static partial void LogFailure(ILogger logger, string? exceptionType, string? stackTrace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS turn could not finish: sent the emergency or crisis reply on its own.")]
    private static partial void LogSafetyWithoutTurn(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS turn could not be answered and the sender's opt-out status is {Status}: nothing sent.")]
    private static partial void LogSilentOutage(ILogger logger, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS reply cache unavailable ({Error}): answering without it.")]
    private static partial void LogCacheFailure(ILogger logger, string error);
}
