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

/// <summary>How an answer (or a fallback) was reached, for the gaps report: counted, never logged with any text.</summary>
public enum TurnRoute
{
    /// <summary>Ranked from the message (or not an answer at all).</summary>
    Ranked,

    /// <summary>An option of "Did you mean" was picked.</summary>
    Picked,

    /// <summary>"None of these" was picked.</summary>
    NoneOfThese,

    /// <summary>A numbered follow-up (or menu item) was picked.</summary>
    FollowUp,

    /// <summary>MORE brought the rest of an answer.</summary>
    More,
}

public sealed record TurnOutcome(TurnKind Kind, string? EntryId = null, double? Score = null)
{
    public static readonly TurnOutcome None = new(TurnKind.None);

    public TurnRoute Route { get; init; }

    public string KindName => Kind switch
    {
        TurnKind.OptOut => "optout",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
