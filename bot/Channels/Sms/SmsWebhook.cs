using System.Text.Json;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Hosting;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Privacy;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.Sms;

/// <summary>
/// One inbound SMS, from Twilio's fields to the TwiML answer. The number becomes a keyed pseudonym here, at the door:
/// nothing past this class sees it. Each message is answered once (Twilio's retries get the same reply) and always
/// in time: a turn that fails or runs long gets a short safe reply instead of an error Twilio would retry.
/// </summary>
public sealed partial class SmsWebhook(
    TurnPipeline pipeline,
    Pseudonymizer pseudonymizer,
    ReplyCache replyCache,
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
        var timeout = twilio.Value.ReplyTimeout;

        // One deadline for everything, waiting on an earlier delivery of the same message included.
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        ReplyCache.Claim? claim = null;
        string twiml;
        try
        {
            claim = await TryClaimAsync(messageKey, linked.Token);
            if (claim?.Reply is { } earlier)
            {
                LogRepeat(logger);
                return earlier;
            }

            var profile = channels.Value.SmsProfile(ChannelId);
            var result = await pipeline.ProcessActivityAsync(ToActivity(message, messageKey), profile, linked.Token).WaitAsync(linked.Token);
            var replies = SmsReplyRenderer.Render(result.Replies);
            var charset = replies.Count == 0 ? "none" : replies.Any(r => r.Length.Charset == SmsCharset.Ucs2) ? "UCS-2" : "GSM-7";
            LogReply(logger, replies.Count, replies.Sum(r => r.Length.Segments), charset);
            twiml = Twiml.Messages(replies.Select(r => r.Text));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimeout(logger, timeout.TotalSeconds);
            await ReleaseAsync(claim);
            return SafeReply();
        }
        catch (OperationCanceledException)
        {
            // Twilio hung up; its retry may try again.
            await ReleaseAsync(claim);
            throw;
        }
        catch (Exception e)
        {
            LogFailure(logger, e.GetType().Name, e);
            await ReleaseAsync(claim);
            return SafeReply();
        }

        await CompleteAsync(claim, twiml, cancellationToken);
        return twiml;
    }

    /// <summary>The activity the engine sees: pseudonyms for the sender and our number, the text, and nothing else from the form.</summary>
    private Activity ToActivity(TwilioMessage message, string messageKey)
    {
        var sender = pseudonymizer.Pseudonymize("phone", message.From);
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

    /// <summary>What goes out when the engine cannot answer in time: short, and never without the emergency number.</summary>
    private string SafeReply()
    {
        var emergency = resources.Value.For("en").EmergencyNumber;
        return Twiml.Messages([$"Sorry, I can't answer right now. Please text again in a few minutes, or call {emergency} in an emergency."]);
    }

    /// <summary>The reply cache lives in the state store; if that is down, answer anyway (a retry may then run twice).</summary>
    private async Task<ReplyCache.Claim?> TryClaimAsync(string messageKey, CancellationToken cancellationToken)
    {
        try
        {
            return await replyCache.ClaimAsync(messageKey, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
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
            await replyCache.CompleteAsync(claim, twiml, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
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
            await replyCache.ReleaseAsync(claim, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
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

    [LoggerMessage(Level = LogLevel.Error, Message = "SMS turn failed ({Error}): sent the safe reply.")]
    private static partial void LogFailure(ILogger logger, string error, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS reply cache unavailable ({Error}): answering without it.")]
    private static partial void LogCacheFailure(ILogger logger, string error);
}
