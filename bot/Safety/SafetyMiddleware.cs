using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Knowledge;

namespace HarmReduction.Bot.Safety;

/// <summary>
/// Runs before everything else on every message, whatever the conversation was doing: an overdose or a crisis is
/// answered at once, and any open question ("Did you mean", MORE pages, numbered options) is dropped.
/// </summary>
public sealed class SafetyMiddleware(KnowledgeProvider knowledge, AnswerComposer composer, Semantic.SemanticLayer semantic) : IMiddleware
{
    public async Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        if (!turnContext.Activity.IsMessage || string.IsNullOrEmpty(turnContext.Activity.Text))
        {
            await next(cancellationToken);
            return;
        }

        var snapshot = knowledge.Current;
        var text = turnContext.Activity.Text;
        var assessment = snapshot.Safety.Assess(text, semantic.Messages is { } encoder ? () => encoder.Encode(turnContext, Semantic.SemanticText.Prepare(text)) : null);
        turnContext.TurnState[TurnStateKeys.Safety] = assessment;
        if (assessment.Kind == SafetyKind.None)
        {
            await next(cancellationToken);
            return;
        }

        var language = assessment.Language ?? turnContext.Language;
        turnContext.Language = language;
        var state = turnContext.State;
        state.DialogStack.Clear();
        state.PendingPages = [];
        state.FollowUps = [];
        state.LastEntryId = null;
        state.LastEmergency = assessment.Kind == SafetyKind.Emergency ? assessment.Rule : null;
        state.Language = language;

        await composer.SendMessageAsync(turnContext, snapshot.Knowledge, assessment.Reply!, language, cancellationToken);
        if (assessment.AlsoCrisis)
        {
            await composer.SendMessageAsync(turnContext, snapshot.Knowledge, snapshot.Knowledge.Safety.Crisis.Reply, language, cancellationToken);
        }

        turnContext.Outcome = new TurnOutcome(assessment.Kind == SafetyKind.Emergency ? TurnKind.Emergency : TurnKind.Crisis, assessment.Rule, 1.0);
    }
}
