namespace HarmReduction.Bot.Conversation;

/// <summary>Runs middleware in the order added, each wrapping the rest, then the bot.</summary>
public sealed class MiddlewareSet
{
    private readonly List<IMiddleware> _middleware = [];

    public IReadOnlyList<IMiddleware> Middleware => _middleware;

    public MiddlewareSet Use(IMiddleware middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }

    public Task RunAsync(TurnContext turnContext, Func<TurnContext, CancellationToken, Task> bot, CancellationToken cancellationToken) =>
        RunFromAsync(0, turnContext, bot, cancellationToken);

    private Task RunFromAsync(int index, TurnContext turnContext, Func<TurnContext, CancellationToken, Task> bot, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (index == _middleware.Count)
        {
            return bot(turnContext, cancellationToken);
        }

        return _middleware[index].OnTurnAsync(turnContext, ct => RunFromAsync(index + 1, turnContext, bot, ct), cancellationToken);
    }
}
