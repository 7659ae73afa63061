using System.Text.Json;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Knowledge;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.Sms;

/// <summary>
/// Carrier keywords on SMS channels, before any state is loaded: STOP and its synonyms opt the sender out (and forget the
/// conversation), after which nothing is answered until START, YES or UNSTOP; HELP and INFO get the short service notice,
/// opted out or not. Opt-outs are recorded even when Twilio answers the keywords itself (<c>Sms:Keywords:Reply=false</c>),
/// and even when the state store is down (queued, see <see cref="OptOutStore"/>).
/// </summary>
public sealed partial class SmsKeywordMiddleware(
    OptOutStore optOuts,
    IOptions<SmsKeywordOptions> options,
    IOptions<ResourcesOptions> resources,
    ILogger<SmsKeywordMiddleware> logger) : IMiddleware
{
    /// <summary>The <c>channelData</c> field an adapter may set when the provider already classified the message (Twilio's <c>OptOutType</c>).</summary>
    public const string OptOutTypeField = "optOutType";

    public async Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var conversationId = activity.Conversation?.Id;
        if (!turnContext.Channel.IsSms || !activity.IsMessage || string.IsNullOrEmpty(conversationId))
        {
            await next(cancellationToken);
            return;
        }

        var channelId = turnContext.Channel.ChannelId;
        var settings = options.Value;
        var keyword = KeywordOf(activity);
        if (keyword == SmsKeyword.Help)
        {
            // HELP is answered whether or not the sender opted out (carrier practice), and needs no store.
            await ReplyAsync(turnContext, settings.HelpText, SmsKeywordOptions.DefaultHelpText, cancellationToken);
            turnContext.Outcome = new TurnOutcome(TurnKind.Meta);
            return;
        }

        var status = await optOuts.StatusAsync(channelId, conversationId, cancellationToken);
        switch (keyword)
        {
            case SmsKeyword.OptOut:
                turnContext.ClearReplies();
                turnContext.Outcome = new TurnOutcome(TurnKind.OptOut);
                if (await optOuts.IsReplayAsync(channelId, conversationId, activity.Id, cancellationToken))
                {
                    return;
                }

                await optOuts.OptOutAsync(channelId, conversationId, cancellationToken);
                if (status != OptOutStatus.OptedOut)
                {
                    await ReplyAsync(turnContext, settings.OptOutText, SmsKeywordOptions.DefaultOptOutText, cancellationToken);
                }

                return;
            case SmsKeyword.OptIn when status != OptOutStatus.Active:
                turnContext.Outcome = new TurnOutcome(TurnKind.Meta);
                if (await optOuts.IsReplayAsync(channelId, conversationId, activity.Id, cancellationToken))
                {
                    LogReplay(logger, channelId);
                    return;
                }

                await optOuts.OptInAsync(channelId, conversationId, cancellationToken);
                await ReplyAsync(turnContext, settings.OptInText, SmsKeywordOptions.DefaultOptInText, cancellationToken);
                return;
            case SmsKeyword.OptIn when !settings.Reply:
                // Twilio confirms START itself; a welcome from the bot as well would be a second reply.
                turnContext.Outcome = new TurnOutcome(TurnKind.Meta);
                return;
        }

        switch (status)
        {
            case OptOutStatus.OptedOut:
                // Nothing goes to a sender who opted out, not even an emergency reply already composed.
                turnContext.ClearReplies();
                await optOuts.OptOutAsync(channelId, conversationId, cancellationToken);
                LogSilenced(logger, channelId);
                turnContext.Outcome = new TurnOutcome(TurnKind.OptOut);
                return;
            case OptOutStatus.Unknown when turnContext.Safety is null:
                // The store is down and this sender may have opted out: the channel decides what is safe to send.
                throw new StateStoreUnavailableException();
        }

        await next(cancellationToken);
    }

    private static SmsKeyword KeywordOf(Activity activity)
    {
        var keyword = SmsKeywords.Recognize(activity.Text);
        if (keyword == SmsKeyword.None
            && activity.ChannelData is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty(OptOutTypeField, out var type)
            && type.ValueKind == JsonValueKind.String)
        {
            keyword = SmsKeywords.FromOptOutType(type.GetString());
        }

        return keyword;
    }

    private Task ReplyAsync(TurnContext turnContext, string? text, string fallback, CancellationToken cancellationToken)
    {
        if (!options.Value.Reply)
        {
            return Task.CompletedTask;
        }

        var template = string.IsNullOrWhiteSpace(text) ? fallback : text;
        return turnContext.SendActivityAsync(Placeholders.Fill(template, resources.Value.For("en")), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A START on {Channel} was delivered again after its reply was forgotten: ignored.")]
    private static partial void LogReplay(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message on {Channel} from a sender who opted out: not answered.")]
    private static partial void LogSilenced(ILogger logger, string channel);
}
