namespace HarmReduction.Bot.Activities;

public sealed record SuggestedActions
{
    public IList<string>? To { get; init; }
    public required IList<CardAction> Actions { get; init; }
}
