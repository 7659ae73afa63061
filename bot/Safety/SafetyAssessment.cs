namespace HarmReduction.Bot.Safety;

public enum SafetyKind
{
    None,
    Emergency,
    Crisis,
}

public enum SafetySource
{
    None,

    /// <summary>A phrase of safety.yaml.</summary>
    Rules,

    /// <summary>The nearest labelled situations of situations.yaml.</summary>
    Neighbours,
}

/// <summary>
/// What the safety check found: an emergency (which rule), a crisis, or nothing; the language to answer in; and why
/// (the rules, or the neighbours' vote, which is kept for <c>ask --explain</c>).
/// </summary>
public sealed record SafetyAssessment(SafetyKind Kind, string? Rule, string? Reply, string? Language, bool AlsoCrisis = false,
    SafetySource Source = SafetySource.None, SituationVote? Vote = null)
{
    public static readonly SafetyAssessment None = new(SafetyKind.None, null, null, null);
}
