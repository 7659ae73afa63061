namespace HarmReduction.Bot.Conversation.State;

/// <summary>The turn needs the state store and could not reach it; the channel answers in the way that is safe without it.</summary>
public sealed class StateStoreUnavailableException()
    : Exception("The state store could not be reached.");
