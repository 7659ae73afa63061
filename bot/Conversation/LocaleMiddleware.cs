using HarmReduction.Bot.Knowledge.Matching;

namespace HarmReduction.Bot.Conversation;

/// <summary>
/// Picks the reply language: the language the message is written in, else the one the conversation has been in,
/// else the activity's locale, else English.
/// </summary>
public sealed class LocaleMiddleware : IMiddleware
{
    public Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var detected = turnContext.Activity.IsMessage ? LanguageDetector.Detect(turnContext.Activity.Text ?? string.Empty) : null;
        var fromLocale = turnContext.Activity.Locale is { Length: >= 2 } locale && locale.StartsWith("es", StringComparison.OrdinalIgnoreCase) ? "es" : null;
        var remembered = turnContext.HasState ? turnContext.State.Language : null;
        turnContext.Language = detected ?? remembered ?? fromLocale ?? "en";
        if (turnContext.HasState)
        {
            turnContext.State.Language = turnContext.Language;
        }

        return next(cancellationToken);
    }
}
