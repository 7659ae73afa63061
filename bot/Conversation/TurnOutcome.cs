namespace HarmReduction.Bot.Conversation;

/// <summary>Which path answered a turn; the <c>kind</c> of the CLI's JSON lines.</summary>
public enum TurnKind
{
    None,
    Emergency,
    Crisis,
    Answer,
    Clarify,
    Fallback,
    Meta,
    OptOut,
}

public sealed record TurnOutcome(TurnKind Kind, string? EntryId = null, double? Score = null)
{
    public static readonly TurnOutcome None = new(TurnKind.None);

    public string KindName => Kind switch
    {
        TurnKind.OptOut => "optout",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
