namespace HarmReduction.Bot.Conversation;

public delegate Task NextDelegate(CancellationToken cancellationToken);

/// <summary>A step of the turn pipeline; call <c>next</c> to go on, or don't to end the turn here.</summary>
public interface IMiddleware
{
    Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken);
}
