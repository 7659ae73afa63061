using System.Text;
using System.Text.RegularExpressions;
using HarmReduction.Bot.Knowledge;

namespace HarmReduction.Bot.Answering;

/// <summary>
/// Phone numbers in a web reply become tap-to-call links (<c>[911](tel:911)</c>): full numbers such as 1-800-662-4357,
/// and the configured short ones (emergency number, crisis line) as whole words. Links and web addresses are left alone.
/// </summary>
public static partial class TelLinks
{
    public static string Add(string markdown, LocaleResources resources)
    {
        var shortNumbers = new[] { resources.EmergencyNumber, resources.CrisisLine }
            .Where(n => n.Length is >= 2 and <= 6 && n.All(char.IsAsciiDigit))
            .ToHashSet(StringComparer.Ordinal);
        var result = new StringBuilder(markdown.Length + 32);
        var last = 0;
        foreach (Match match in Candidates().Matches(markdown))
        {
            var number = match.Groups["long"].Success ? match.Groups["long"].Value
                : match.Groups["short"].Success && shortNumbers.Contains(match.Groups["short"].Value) ? match.Groups["short"].Value
                : null;
            if (number is null)
            {
                continue;
            }

            result.Append(markdown, last, match.Index - last).Append('[').Append(number).Append("](").Append(Href(number)).Append(')');
            last = match.Index + match.Length;
        }

        return last == 0 ? markdown : result.Append(markdown, last, markdown.Length - last).ToString();
    }

    /// <summary>A <c>tel:</c> URI for the number: its digits, with a leading + kept.</summary>
    public static string Href(string number) =>
        "tel:" + (number.StartsWith('+') ? "+" : string.Empty) + new string(number.Where(char.IsAsciiDigit).ToArray());

    // Markdown links and web addresses are matched first so that the numbers inside them are skipped.
    [GeneratedRegex(@"\[[^\]]*\]\([^)]*\)|\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:org|com|gov|net|edu|us)\b\S*"
        + @"|(?<long>(?<![\w-])(?:\+?1[-. ])?(?:\(\d{3}\) ?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\w-]))"
        + @"|(?<![\w/.-])(?<short>\d{2,6})(?![\w/-]|\.\d)")]
    private static partial Regex Candidates();
}
