namespace HarmReduction.Bot.Knowledge;

/// <summary>One validated knowledge entry, immutable once loaded.</summary>
public sealed record KnowledgeEntry
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Topic { get; init; }
    public required string Lang { get; init; }
    public required IReadOnlyList<string> Questions { get; init; }
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public required string SmsAnswer { get; init; }
    public required string WebAnswer { get; init; }
    public IReadOnlyList<string> FollowUp { get; init; } = [];

    /// <summary>The id of the same entry in the other language, when it has one.</summary>
    public string? Twin { get; init; }
    public required IReadOnlyList<EntrySource> Sources { get; init; }
    public required DateOnly Reviewed { get; init; }

    /// <summary>Who looks after the entry (initials, a name or a team), when it names one.</summary>
    public string? Owner { get; init; }

    /// <summary>How often the entry is due for a new review (<c>review_every</c>; 12 months unless it says otherwise).</summary>
    public ReviewInterval ReviewEvery { get; init; } = ReviewInterval.Default;

    /// <summary>When the entry is next due for review.</summary>
    public DateOnly ReviewDue => ReviewEvery.After(Reviewed);

    public required SourcePosition Position { get; init; }

    /// <summary>Where each of <see cref="Questions"/> was written (same order), for reports in <c>file:line:col</c>.</summary>
    public IReadOnlyList<SourcePosition> QuestionPositions { get; init; } = [];

    /// <summary>Where each of <see cref="Keywords"/> was written (same order).</summary>
    public IReadOnlyList<SourcePosition> KeywordPositions { get; init; } = [];

    /// <summary>Where question <paramref name="index"/> was written, or the entry's own position.</summary>
    public SourcePosition QuestionAt(int index) => index >= 0 && index < QuestionPositions.Count ? QuestionPositions[index] : Position;

    /// <summary>Entries about the service itself are reported as <c>meta</c>, not <c>answer</c>.</summary>
    public bool IsAboutService => Topic == "service";
}

public sealed record EntrySource(string Title, Uri Url);

/// <summary>Where something was written: file, 1-based line and column.</summary>
public sealed record SourcePosition(string File, long Line, long Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

public sealed record KnowledgeError(SourcePosition Position, string Message)
{
    public override string ToString() => $"{Position}: {Message}";
}

/// <summary>Worth a look but not wrong: the folder still loads. Printed as <c>file:line:col: warning: message</c>.</summary>
public sealed record KnowledgeWarning(SourcePosition Position, string Message)
{
    public override string ToString() => $"{Position}: warning: {Message}";
}
