using HarmReduction.Bot.Conversation;

namespace HarmReduction.Bot.Safety;

/// <summary>
/// After the state is loaded: when <see cref="SafetyMiddleware"/> has answered an emergency or a crisis, any open
/// question ("Did you mean", MORE pages, numbered options) is dropped, and the bot does not run.
/// </summary>
public sealed class SafetyStateReset : IMiddleware
{
    public Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        if (turnContext.Safety is null)
        {
            return next(cancellationToken);
        }

        if (turnContext.HasState)
        {
            var state = turnContext.State;
            state.DialogStack.Clear();
            state.PendingPages = [];
            state.FollowUps = [];
            state.LastEntryId = null;
            state.LastEmergency = turnContext.Safety.Kind == SafetyKind.Emergency ? turnContext.Safety.Rule : null;
            state.Language = turnContext.Language;
        }

        return Task.CompletedTask;
    }
}
