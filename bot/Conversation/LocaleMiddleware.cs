using HarmReduction.Bot.Knowledge.Matching;

namespace HarmReduction.Bot.Conversation;

/// <summary>
/// Picks the reply language: the language the message is written in, else the one the conversation has been in,
/// else the activity's locale, else English. An emergency or crisis already answered keeps the language it was answered in.
/// </summary>
public sealed class LocaleMiddleware : IMiddleware
{
    public Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var remembered = turnContext.HasState ? turnContext.State.Language : null;
        turnContext.Language = turnContext.Safety is not null ? turnContext.Language : LanguageOf(turnContext.Activity, remembered);
        if (turnContext.HasState)
        {
            turnContext.State.Language = turnContext.Language;
        }

        return next(cancellationToken);
    }

    /// <summary>The language to answer <paramref name="activity"/> in, given the one the conversation has been in (if known).</summary>
    public static string LanguageOf(Activities.Activity activity, string? remembered)
    {
        var detected = activity.IsMessage ? LanguageDetector.Detect(activity.Text ?? string.Empty) : null;
        var fromLocale = activity.Locale is { Length: >= 2 } locale && locale.StartsWith("es", StringComparison.OrdinalIgnoreCase) ? "es" : null;
        return detected ?? remembered ?? fromLocale ?? "en";
    }
}
