namespace HarmReduction.Bot.Conversation;

/// <summary>The turn handler at the end of the pipeline.</summary>
public interface IBot
{
    Task OnTurnAsync(TurnContext turnContext, CancellationToken cancellationToken);
}
