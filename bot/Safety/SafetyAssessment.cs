namespace HarmReduction.Bot.Safety;

public enum SafetyKind
{
    None,
    Emergency,
    Crisis,
}

/// <summary>What the safety check found: an emergency (which rule), a crisis, or nothing; and the language to answer in.</summary>
public sealed record SafetyAssessment(SafetyKind Kind, string? Rule, string? Reply, string? Language, bool AlsoCrisis = false)
{
    public static readonly SafetyAssessment None = new(SafetyKind.None, null, null, null);
}
