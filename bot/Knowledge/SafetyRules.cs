namespace HarmReduction.Bot.Knowledge;

/// <summary>The emergency and crisis patterns from <c>safety.yaml</c>, readable and editable by staff.</summary>
public sealed record SafetyRules
{
    public required IReadOnlyList<EmergencyRule> Emergencies { get; init; }

    public required CrisisRule Crisis { get; init; }

    /// <summary>Words that say something is happening now, to a real person; they outweigh a question framing.</summary>
    public required LanguageMap<string> Now { get; init; }

    /// <summary>Framings that make a message a question about an emergency rather than one happening now.</summary>
    public required LanguageMap<string> Question { get; init; }

    public required SafetyExamples Examples { get; init; }
}

/// <param name="SignsWhenNow">Words that only mean an emergency when the message also says it is happening now ("someone od in the lot help").</param>
public sealed record EmergencyRule(string Name, string Reply, LanguageMap<string> Signs, LanguageMap<string> SignsWhenNow);

public sealed record CrisisRule(string Reply, LanguageMap<string> Signs, LanguageMap<string> NotCrisis);

/// <summary>Messages that must (or must not) be detected; the test suite runs every one.</summary>
public sealed record SafetyExamples(IReadOnlyList<string> Emergency, IReadOnlyList<string> Crisis, IReadOnlyList<string> Neither);
