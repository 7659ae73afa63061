using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Cli;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Hosting;
using HarmReduction.Bot.Safety;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Staff;

/// <summary>
/// The staff page's test pane: one question through the live knowledge and the same steps a message takes (text
/// cleaned, language picked, safety check first, then the bot), with the explanation <c>ask --explain</c> gives. Unlike
/// a real message it has no conversation: the state is a fresh one that is never loaded or saved, SMS keywords are not
/// honoured (STOP records nothing), and the turn is neither counted for the gaps report nor logged. The text lives
/// only for the request.
/// </summary>
internal sealed class StaffTryout
{
    private readonly MiddlewareSet _middleware;
    private readonly IBot _bot;
    private readonly IOptions<ChannelOptions> _channels;
    private readonly IServiceProvider _services;

    public StaffTryout(MessageNormalizationMiddleware normalization, LocaleMiddleware locale, SafetyMiddleware safety, SafetyStateReset afterSafety, IBot bot, IOptions<ChannelOptions> channels, IServiceProvider services)
    {
        _middleware = new MiddlewareSet().Use(normalization).Use(new FreshState()).Use(locale).Use(safety).Use(afterSafety);
        _bot = bot;
        _channels = channels;
        _services = services;
    }

    public async Task<TryoutResult> AskAsync(string text, string channel, CancellationToken cancellationToken)
    {
        var profile = channel == "web" ? ChannelProfile.Web("staff-web") : _channels.Value.SmsProfile("staff-sms");
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "1",
            Text = text,
            ChannelId = profile.ChannelId,
            From = new ChannelAccount { Id = "staff", Role = RoleTypes.User },
            Recipient = new ChannelAccount { Id = "harm-reduction-bot", Role = RoleTypes.Bot },
            Conversation = new ConversationAccount { Id = "staff-tryout" },
        };
        var context = ExplainContext.From(_services);
        var turn = new TurnContext(activity, profile);
        await _middleware.RunAsync(turn, _bot.OnTurnAsync, cancellationToken);

        var result = new QuestionResult(QuestionRunner.Render(turn.Replies, profile), turn.Outcome, turn.Language, turn.TurnState);
        var explanation = TurnExplanation.From(text, result, context);
        return new TryoutResult(result.Reply, turn.Outcome.KindName, turn.Outcome.EntryId, turn.Outcome.Score, turn.Language, explanation.ToText(), explanation);
    }

    /// <summary>A new conversation's state for this turn only: nothing is read from or written to the store.</summary>
    private sealed class FreshState : IMiddleware
    {
        public Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            turnContext.State = new ConversationData();
            return next(cancellationToken);
        }
    }
}

/// <param name="Explanation">The explanation as <c>ask --explain</c> prints it.</param>
/// <param name="Explain">The same, field by field.</param>
internal sealed record TryoutResult(string Reply, string Kind, string? Entry, double? Score, string Language, string Explanation, TurnExplanation Explain);
