using System.Globalization;
using System.Text;
using HarmReduction.Bot.Knowledge;

namespace HarmReduction.Bot.Staff;

/// <summary>
/// The knowledge as a review sheet for a clinician who works in a spreadsheet: one row per entry with id, language,
/// title, SMS answer, web answer, sources, reviewed and owner (then twin and review due). Answers are as people get
/// them, contacts filled in. RFC 4180 CSV.
/// </summary>
public static class ReviewSheet
{
    private static readonly string[] Header = ["id", "language", "title", "SMS answer", "web answer", "sources", "reviewed", "owner", "twin", "review due"];

    public static string ToCsv(KnowledgeBase knowledge, ResourcesOptions contacts)
    {
        var twins = new EntryTwins(knowledge.Entries);
        var csv = new StringBuilder();
        csv.Append(string.Join(',', Header.Select(Field))).Append("\r\n");
        foreach (var entry in knowledge.Entries.OrderBy(e => e.Lang, StringComparer.Ordinal).ThenBy(e => e.Position.File, StringComparer.Ordinal).ThenBy(e => e.Position.Line))
        {
            var resources = contacts.For(entry.Lang);
            string[] row =
            [
                entry.Id,
                entry.Lang,
                entry.Title,
                Placeholders.Fill(entry.SmsAnswer, resources),
                Placeholders.Fill(entry.WebAnswer, resources),
                string.Join("\n", entry.Sources.Select(s => $"{s.Title} {s.Url}")),
                entry.Reviewed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                entry.Owner ?? string.Empty,
                twins.TwinOf(entry.Id)?.Id ?? string.Empty,
                entry.ReviewDue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ];
            csv.Append(string.Join(',', row.Select(Field))).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>Quoted when it holds a comma, quote or line break; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
