using System.ComponentModel.DataAnnotations;

namespace HarmReduction.Bot.Reporting;

/// <summary>The gaps report (<c>Report:*</c>): what is counted, how long it is kept. Counts only, never text.</summary>
public sealed class ReportOptions
{
    public const string Section = "Report";

    /// <summary>Count turns for the gaps report. Off: nothing is counted or kept.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many days the daily counts are kept (they expire in the state store after that).</summary>
    [Range(1, 400)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>An answer at or above this score counts as high confidence; below it (down to where the bands answer), low.</summary>
    [Range(0.0, 1.0)]
    public double HighConfidenceAt { get; set; } = 0.6;

    /// <summary>How often an instance adds its counts to the state store (they are also added when it stops and when a report is read).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    public UnknownWordsOptions UnknownWords { get; set; } = new();
}

/// <summary>
/// Recurring words the knowledge does not know (off by default). A word is shown only once it was seen in at least
/// <see cref="MinConversations"/> separate conversations in one week; until then it is kept only as a keyed hash.
/// </summary>
public sealed class UnknownWordsOptions
{
    public bool Enabled { get; set; }

    [Range(5, 1000)]
    public int MinConversations { get; set; } = 10;

    /// <summary>Shorter words are never kept.</summary>
    [Range(3, 20)]
    public int MinLetters { get; set; } = 4;
}
