using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Knowledge;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Safety;

/// <summary>
/// Runs first on every message, on the cleaned text and before any storage is touched: an overdose or a crisis is
/// answered at once, whatever the conversation was doing. The rest of the pipeline then only keeps the books (a sender
/// who opted out is kept silent, the conversation's open questions are dropped by <see cref="SafetyStateReset"/>); it
/// gets <c>Safety:StateTimeout</c> for that, and nothing it meets (a store that is down or slow, a failure) holds back
/// or loses the reply.
/// </summary>
public sealed partial class SafetyMiddleware(
    KnowledgeProvider knowledge,
    AnswerComposer composer,
    IOptions<SafetyOptions> options,
    TimeProvider time,
    Semantic.SemanticLayer semantic,
    ILogger<SafetyMiddleware> logger) : IMiddleware
{
    public async Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        if (!turnContext.Activity.IsMessage || string.IsNullOrEmpty(turnContext.Activity.Text))
        {
            await next(cancellationToken);
            return;
        }

        if (!await AnswerAsync(turnContext, cancellationToken))
        {
            await next(cancellationToken);
            return;
        }

        // The books (state) are kept with the caller's token: when they take longer than the budget the reply goes out
        // anyway and they finish on their own, so a slow first turn (a cold start, a busy machine) still remembers the
        // emergency for its follow-ups. A store that is down fails them within its own timeouts.
        var books = next(cancellationToken);
        try
        {
            // WaitAsync: a store client may not honour cancellation, and the reply must not wait for it.
            await books.WaitAsync(options.Value.StateTimeout, time, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            turnContext.Detach();
            LogBooksSkipped(logger, e.GetType().Name);
            _ = books.ContinueWith(
                static (task, state) => LogBooksFailed((ILogger)state!, task.Exception!.GetBaseException().GetType().Name),
                logger,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>Whether the (raw) text is an emergency or a crisis: a channel then waits for nothing it does not need.</summary>
    public bool IsUrgent(string? text) =>
        knowledge.IsLoaded && !string.IsNullOrEmpty(text)
        && knowledge.Current.Safety.Assess(MessageNormalizationMiddleware.Normalize(text), VectorOf(MessageNormalizationMiddleware.Normalize(text)), vectorOfPart: VectorOfPart(text)).Kind != SafetyKind.None;

    // The message cache is keyed by the text's hash, so the pipeline's own check later reuses this vector.
    private Func<float[]>? VectorOf(string text) =>
        semantic.Messages is { } encoder && MayBeASituation(text) ? () => encoder.Encode(Semantic.SemanticText.Prepare(text)) : null;

    private Func<string, float[]>? VectorOfPart(string text) =>
        semantic.Messages is { } encoder && MayBeASituation(text) ? part => encoder.Encode(Semantic.SemanticText.Prepare(part)) : null;

    /// <summary>
    /// Whether the labelled neighbours may be asked about this message. A whole-message command ("main menu", "tell me
    /// more", "start over") is not a situation: the rules still judge it, but it is not encoded. Every command phrase
    /// is checked against the net in the tests (the net finds none of them urgent), so skipping it changes no outcome.
    /// </summary>
    internal static bool MayBeASituation(string text) => CommandRecognizer.Recognize(text) == Command.None;

    /// <summary>How long an urgent turn waits for the state store.</summary>
    public TimeSpan StateTimeout => options.Value.StateTimeout;

    /// <summary>
    /// The safety check alone, on the activity's (already cleaned) text: when it finds an emergency or a crisis, its reply
    /// is added to the turn and true returned. Needs no state, so a channel can call it when the pipeline failed.
    /// </summary>
    public async Task<bool> AnswerAsync(TurnContext turnContext, CancellationToken cancellationToken)
    {
        if (!turnContext.Activity.IsMessage || string.IsNullOrEmpty(turnContext.Activity.Text) || !knowledge.IsLoaded)
        {
            return false;
        }

        var snapshot = knowledge.Current;
        var text = turnContext.Activity.Text;
        var assessment = snapshot.Safety.Assess(
            text,
            semantic.Messages is { } encoder && MayBeASituation(text) ? () => encoder.Encode(turnContext, Semantic.SemanticText.Prepare(text)) : null,
            vectorOfPart: VectorOfPart(text));
        turnContext.TurnState[TurnStateKeys.Safety] = assessment;
        if (assessment.Kind == SafetyKind.None)
        {
            return false;
        }

        var language = assessment.Language ?? LocaleMiddleware.LanguageOf(turnContext.Activity, remembered: null);
        turnContext.Language = language;
        turnContext.Safety = assessment;
        await composer.SendMessageAsync(turnContext, snapshot.Knowledge, assessment.Reply!, language, cancellationToken);
        if (assessment.AlsoCrisis)
        {
            await composer.SendMessageAsync(turnContext, snapshot.Knowledge, assessment.CrisisReply ?? snapshot.Knowledge.Safety.Crisis.Reply, language, cancellationToken);
        }

        turnContext.Outcome = new TurnOutcome(assessment.Kind == SafetyKind.Emergency ? TurnKind.Emergency : TurnKind.Crisis, assessment.Rule, 1.0);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Emergency or crisis answered without waiting for the state store ({Error}).")]
    private static partial void LogBooksSkipped(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The state of an answered emergency or crisis was not kept ({Error}).")]
    private static partial void LogBooksFailed(ILogger logger, string error);
}
