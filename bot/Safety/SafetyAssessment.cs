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

    /// <summary>The linear read-out of the whole bank (<see cref="SituationReadout"/>).</summary>
    Readout,
}

/// <summary>
/// What the safety check found: an emergency (which rule), a crisis, or nothing; the language to answer in; and why
/// (the rules, with the phrase that fired, or the neighbours' vote; both are kept for <c>ask --explain</c>).
/// </summary>
/// <param name="CrisisReply">The crisis reply that follows an emergency's when <paramref name="AlsoCrisis"/>; null: the crisis
/// rule's own, to the writer. Someone else's crisis gets the reply for someone else.</param>
public sealed record SafetyAssessment(SafetyKind Kind, string? Rule, string? Reply, string? Language, bool AlsoCrisis = false,
    SafetySource Source = SafetySource.None, SituationVote? Vote = null, MessageFraming? Framing = null, string? Phrase = null,
    ReadoutScores? Readout = null, string? CrisisReply = null)
{
    public static readonly SafetyAssessment None = new(SafetyKind.None, null, null, null);

    /// <summary>The neighbours said small talk or another subject: no entry is meant.</summary>
    public bool IsOffTopic => Vote?.Label == Knowledge.Situations.OffTopic;
}

/// <summary>
/// How a message frames what it tells (from the word lists of safety.yaml): happening now, about a real person, a
/// question, a conditional, the recent or long past. An emergency sign counts unless the framing says it is not
/// happening now: a general question gives way to a real person ("what is wrong with him hes not breathing"); a
/// conditional or the past gives way only to a word that says now ("help", "rn"). A recent past still counts for what
/// acts late (pills taken on purpose, a swallowed pill).
/// </summary>
/// <param name="NotNow">Something says nothing is happening now or that it is over ("fine now", "hypothetically").</param>
public sealed record MessageFraming(bool Now, bool AboutSomeone, bool Question, bool Conditional, bool Past, bool LongAgo, bool NotNow)
{
    public bool Blocks(Knowledge.EmergencyRule rule) =>
        (Question && !AboutSomeone) || (!Now && (Conditional || LongAgo || ((Past || NotNow) && !rule.UrgentWhenPast)));

    public override string ToString() =>
        string.Join(", ", new[] { (Now, "now"), (AboutSomeone, "about someone"), (Question, "question"), (Conditional, "conditional"), (Past, "past"), (LongAgo, "long ago"), (NotNow, "not now") }
            .Where(f => f.Item1).Select(f => f.Item2).DefaultIfEmpty("plain"));
}
