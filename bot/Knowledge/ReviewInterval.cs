using System.Globalization;
using System.Text.RegularExpressions;

namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// How often an entry is due for a new look against its sources (<c>review_every</c>): "12 months" unless the entry says
/// otherwise, e.g. "3 months" for opening hours, "6 weeks" for a fast-changing drug supply alert, "2 years".
/// </summary>
public sealed partial record ReviewInterval(int Count, ReviewUnit Unit)
{
    public static readonly ReviewInterval Default = new(12, ReviewUnit.Months);

    public DateOnly After(DateOnly reviewed) => Unit switch
    {
        ReviewUnit.Weeks => reviewed.AddDays(7 * Count),
        ReviewUnit.Years => reviewed.AddYears(Count),
        _ => reviewed.AddMonths(Count),
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count} {Unit.ToString().ToLowerInvariant()[..^(Count == 1 ? 1 : 0)]}");

    /// <summary>"3 months", "6 weeks", "1 year"; from 1 week to 3 years.</summary>
    public static ReviewInterval? Parse(string text)
    {
        var match = Pattern().Match(text.Trim().ToLowerInvariant());
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            return null;
        }

        var unit = match.Groups[2].Value switch
        {
            "week" or "weeks" => ReviewUnit.Weeks,
            "year" or "years" => ReviewUnit.Years,
            _ => ReviewUnit.Months,
        };
        var interval = new ReviewInterval(count, unit);
        return interval.After(DateOnly.MinValue) <= DateOnly.MinValue.AddYears(3) ? interval : null;
    }

    [GeneratedRegex(@"^([0-9]{1,3}) ?(weeks?|months?|years?)$")]
    private static partial Regex Pattern();
}

public enum ReviewUnit
{
    Weeks,
    Months,
    Years,
}
