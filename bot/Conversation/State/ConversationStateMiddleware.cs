namespace HarmReduction.Bot.Conversation.State;

/// <summary>Loads conversation state once before the bot runs and saves it once after (Bot Framework's AutoSaveState).</summary>
public sealed class ConversationStateMiddleware(ConversationState conversationState) : IMiddleware
{
    public async Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var conversationId = turnContext.Activity.Conversation?.Id;
        if (string.IsNullOrEmpty(conversationId))
        {
            throw new InvalidOperationException("An activity reached the pipeline without a conversation id.");
        }

        var key = ConversationState.KeyFor(turnContext.Channel.ChannelId, conversationId);
        var loaded = await conversationState.LoadAsync(key, cancellationToken);
        turnContext.State = loaded.Data;
        await next(cancellationToken);
        await conversationState.SaveAsync(loaded with { Data = turnContext.State }, cancellationToken);
    }
}
