namespace HarmReduction.Bot.Reporting;

/// <summary>What one count counts: a language, a channel, a metric, and the entry (or emergency rule) it is about, if any.</summary>
public sealed record UsageKey(string Lang, string Channel, string Metric, string? Entry = null)
{
    public override string ToString() => $"{Lang}|{Channel}|{Metric}|{Entry ?? "-"}";

    public static UsageKey? Parse(string text)
    {
        var parts = text.Split('|');
        return parts.Length == 4 ? new UsageKey(parts[0], parts[1], parts[2], parts[3] == "-" ? null : parts[3]) : null;
    }
}

/// <summary>The metrics of the gaps report.</summary>
public static class UsageMetrics
{
    /// <summary>Answered from the message at or above <c>Report:HighConfidenceAt</c>.</summary>
    public const string AnswerHigh = "answer-high";

    /// <summary>Answered from the message below <c>Report:HighConfidenceAt</c>.</summary>
    public const string AnswerLow = "answer-low";

    /// <summary>Answered because the option was picked from "Did you mean".</summary>
    public const string Picked = "picked";

    /// <summary>Answered because the numbered follow-up (or menu item) was picked.</summary>
    public const string FollowUp = "follow-up";

    /// <summary>The rest of the entry sent after MORE.</summary>
    public const string More = "more";

    /// <summary>"Did you mean" asked (no entry).</summary>
    public const string Clarify = "clarify";

    /// <summary>An entry offered by a "Did you mean".</summary>
    public const string Offered = "offered";

    /// <summary>"None of these" picked.</summary>
    public const string NoneOfThese = "none-of-these";

    /// <summary>A fallback (no entry).</summary>
    public const string Fallback = "fallback";

    /// <summary>An entry among the three a fallback nearly matched.</summary>
    public const string Near = "near";

    public const string Emergency = "emergency";

    public const string Crisis = "crisis";

    /// <summary>The bot's own lines: welcome, menu, help, reset.</summary>
    public const string Meta = "meta";

    public const string OptOut = "optout";

    public static readonly IReadOnlySet<string> Answers = new HashSet<string>(StringComparer.Ordinal) { AnswerHigh, AnswerLow, Picked, FollowUp, More };
}
