namespace HarmReduction.Bot.Conversation.State;

/// <summary>
/// What counts as the state store failing. A store client may give up with a cancellation of its own (StackExchange.Redis
/// cancels what it had queued when a connection drops or a pause outlasts it); only the caller's own token cancelling
/// means the caller is gone. Every other exception is the store being down, paused or refusing, and is answered around.
/// </summary>
public static class StoreFault
{
    public static bool Is(Exception exception, CancellationToken callerToken) =>
        exception is not OperationCanceledException || !callerToken.IsCancellationRequested;
}
