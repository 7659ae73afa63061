using System.Globalization;
using System.Text;
using HarmReduction.Bot.Knowledge;

namespace HarmReduction.Bot.Reporting;

/// <summary>
/// The gaps report, from the daily counts: per day, language and channel, what was answered (high and low confidence,
/// picked from "Did you mean", a follow-up, MORE), what asked "Did you mean" and what was picked, what fell back and which
/// entries it nearly matched, and the entries nobody reached in 90 days. Counts from 1 to 4 are shown as "&lt;5" so a
/// rare question cannot point at one person.
/// </summary>
public sealed class GapsReport
{
    private const int UnusedWindowDays = 90;
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    private GapsReport(DateOnly from, DateOnly to, IReadOnlyList<UsageRow> rows, IReadOnlyList<KnowledgeEntry> unused, DateOnly? countedSince, int unusedWindow,
        IReadOnlyList<(DateOnly Week, string Word, long Conversations)>? words)
    {
        From = from;
        To = to;
        Rows = rows;
        Unused = unused;
        CountedSince = countedSince;
        UnusedWindow = unusedWindow;
        Words = words;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public IReadOnlyList<UsageRow> Rows { get; }

    /// <summary>Entries no one reached in the last <see cref="UnusedWindow"/> days.</summary>
    public IReadOnlyList<KnowledgeEntry> Unused { get; }

    /// <summary>The first day with counts in that window (counting may have started later than its start).</summary>
    public DateOnly? CountedSince { get; }

    public int UnusedWindow { get; }

    /// <summary>Recurring unknown words per week; null when that option is off.</summary>
    public IReadOnlyList<(DateOnly Week, string Word, long Conversations)>? Words { get; }

    public static async Task<GapsReport> BuildAsync(UsageStore store, KnowledgeBase knowledge, ReportOptions options, int days, CancellationToken cancellationToken, UnknownWords? unknownWords = null)
    {
        var to = store.Today;
        var from = to.AddDays(1 - Math.Clamp(days, 1, options.RetentionDays));
        var unusedWindow = Math.Min(UnusedWindowDays, options.RetentionDays);
        var windowFrom = to.AddDays(1 - unusedWindow);
        var earliest = from < windowFrom ? from : windowFrom;
        var all = await store.ReadAsync(earliest, to, cancellationToken);
        var rows = all.SelectMany(d => d.Counts.Select(c => (d.Day, Key: UsageKey.Parse(c.Key), c.Value)))
            .Where(r => r.Key is not null)
            .Select(r => new UsageRow(r.Day, r.Key!, r.Value))
            .ToList();
        var used = rows.Where(r => r.Day >= windowFrom && UsageMetrics.Answers.Contains(r.Key.Metric) && r.Key.Entry is not null)
            .Select(r => r.Key.Entry!)
            .ToHashSet(StringComparer.Ordinal);
        var countedSince = all.Where(d => d.Day >= windowFrom).Select(d => (DateOnly?)d.Day).FirstOrDefault();
        var unused = knowledge.Entries.Where(e => !used.Contains(e.Id)).OrderBy(e => e.Lang, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        var words = options.UnknownWords.Enabled && unknownWords is not null ? await unknownWords.ShownAsync(from, to, cancellationToken) : null;
        return new GapsReport(from, to, rows.Where(r => r.Day >= from).ToList(), unused, countedSince, unusedWindow, words);
    }

    /// <summary>What one entry's answers added up to in the period, for the review queue.</summary>
    public long AnswersOf(string entryId) =>
        Rows.Where(r => r.Key.Entry == entryId && UsageMetrics.Answers.Contains(r.Key.Metric)).Sum(r => r.Count);

    /// <summary>A count as shown: 0, "&lt;5" for 1 to 4, else the number.</summary>
    public static string Cell(long count) => count switch
    {
        0 => "0",
        < 5 => "<5",
        _ => count.ToString(Culture),
    };

    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(Culture, $"Gaps report: {From:yyyy-MM-dd} to {To:yyyy-MM-dd} ({To.DayNumber - From.DayNumber + 1} days, UTC)");
        text.AppendLine("Counts only: no message text, no conversation ids, no pseudonyms. Counts from 1 to 4 show as <5.");
        AppendPerDay(text);
        AppendPerEntry(text);
        AppendFallbacks(text);
        AppendDidYouMean(text);
        AppendUnused(text);
        AppendWords(text);
        return text.ToString();
    }

    /// <summary>Every count: <c>day,lang,channel,metric,entry,count</c>, one row per day, language, channel, metric and entry.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder("day,lang,channel,metric,entry,count\n");
        foreach (var row in Rows.OrderBy(r => r.Day).ThenBy(r => r.Key.Lang, StringComparer.Ordinal).ThenBy(r => r.Key.Channel, StringComparer.Ordinal)
                     .ThenBy(r => r.Key.Metric, StringComparer.Ordinal).ThenBy(r => r.Key.Entry, StringComparer.Ordinal))
        {
            csv.Append(Culture, $"{row.Day:yyyy-MM-dd},{row.Key.Lang},{row.Key.Channel},{row.Key.Metric},{row.Key.Entry ?? string.Empty},{Cell(row.Count)}\n");
        }

        return csv.ToString();
    }

    private void AppendPerDay(StringBuilder text)
    {
        text.AppendLine().AppendLine("Per day, language and channel");
        var groups = Rows.GroupBy(r => (r.Day, r.Key.Lang, r.Key.Channel)).OrderByDescending(g => g.Key.Day).ThenBy(g => g.Key.Lang, StringComparer.Ordinal).ThenBy(g => g.Key.Channel, StringComparer.Ordinal).ToList();
        if (groups.Count == 0)
        {
            text.AppendLine("  no counts in this period");
            return;
        }

        string[] metrics = [UsageMetrics.AnswerHigh, UsageMetrics.AnswerLow, UsageMetrics.Picked, UsageMetrics.FollowUp, UsageMetrics.More, UsageMetrics.Clarify, UsageMetrics.NoneOfThese, UsageMetrics.Fallback, UsageMetrics.Emergency, UsageMetrics.Crisis];
        text.AppendLine(Culture, $"  {"day",-10}  {"lang",-4}  {"chan",-4}  {"answers",7}  {"high",5}  {"low",5}  {"picked",6}  {"follow-up",9}  {"more",5}  {"did-you-mean",12}  {"none-of-these",13}  {"fallbacks",9}  {"emergency",9}  {"crisis",6}");
        foreach (var group in groups)
        {
            var sums = metrics.ToDictionary(m => m, m => group.Where(r => r.Key.Metric == m).Sum(r => r.Count), StringComparer.Ordinal);
            var answers = group.Where(r => UsageMetrics.Answers.Contains(r.Key.Metric)).Sum(r => r.Count);
            text.AppendLine(Culture,
                $"  {group.Key.Day:yyyy-MM-dd}  {group.Key.Lang,-4}  {group.Key.Channel,-4}  {Cell(answers),7}  {Cell(sums[UsageMetrics.AnswerHigh]),5}  {Cell(sums[UsageMetrics.AnswerLow]),5}  {Cell(sums[UsageMetrics.Picked]),6}  {Cell(sums[UsageMetrics.FollowUp]),9}  {Cell(sums[UsageMetrics.More]),5}  {Cell(sums[UsageMetrics.Clarify]),12}  {Cell(sums[UsageMetrics.NoneOfThese]),13}  {Cell(sums[UsageMetrics.Fallback]),9}  {Cell(sums[UsageMetrics.Emergency]),9}  {Cell(sums[UsageMetrics.Crisis]),6}");
        }
    }

    private void AppendPerEntry(StringBuilder text)
    {
        text.AppendLine().AppendLine("Answers per entry");
        var groups = Rows.Where(r => UsageMetrics.Answers.Contains(r.Key.Metric) && r.Key.Entry is not null)
            .GroupBy(r => (Entry: r.Key.Entry!, r.Key.Lang, r.Key.Channel))
            .Select(g => (g.Key, Counts: g.GroupBy(r => r.Key.Metric).ToDictionary(m => m.Key, m => m.Sum(r => r.Count), StringComparer.Ordinal)))
            .OrderByDescending(g => g.Counts.Values.Sum()).ThenBy(g => g.Key.Entry, StringComparer.Ordinal).ThenBy(g => g.Key.Channel, StringComparer.Ordinal)
            .ToList();
        if (groups.Count == 0)
        {
            text.AppendLine("  no answers in this period");
            return;
        }

        text.AppendLine(Culture, $"  {"entry",-44}  {"lang",-4}  {"chan",-4}  {"total",5}  {"high",5}  {"low",5}  {"picked",6}  {"follow-up",9}  {"more",5}");
        foreach (var (key, counts) in groups)
        {
            long Get(string metric) => counts.GetValueOrDefault(metric);
            text.AppendLine(Culture,
                $"  {key.Entry,-44}  {key.Lang,-4}  {key.Channel,-4}  {Cell(counts.Values.Sum()),5}  {Cell(Get(UsageMetrics.AnswerHigh)),5}  {Cell(Get(UsageMetrics.AnswerLow)),5}  {Cell(Get(UsageMetrics.Picked)),6}  {Cell(Get(UsageMetrics.FollowUp)),9}  {Cell(Get(UsageMetrics.More)),5}");
        }
    }

    private void AppendFallbacks(StringBuilder text)
    {
        text.AppendLine().AppendLine("Fallbacks and the entries they nearly matched (how often each was among the 3 nearest)");
        var groups = Rows.Where(r => r.Key.Metric is UsageMetrics.Fallback or UsageMetrics.Near).GroupBy(r => (r.Key.Lang, r.Key.Channel))
            .OrderBy(g => g.Key.Lang, StringComparer.Ordinal).ThenBy(g => g.Key.Channel, StringComparer.Ordinal).ToList();
        if (groups.Count == 0)
        {
            text.AppendLine("  no fallbacks in this period");
            return;
        }

        foreach (var group in groups)
        {
            var fallbacks = group.Where(r => r.Key.Metric == UsageMetrics.Fallback).Sum(r => r.Count);
            var near = group.Where(r => r.Key.Metric == UsageMetrics.Near).GroupBy(r => r.Key.Entry!).Select(g => (Entry: g.Key, Count: g.Sum(r => r.Count)))
                .OrderByDescending(n => n.Count).ThenBy(n => n.Entry, StringComparer.Ordinal).Take(10);
            text.AppendLine(Culture, $"  {group.Key.Lang,-4}  {group.Key.Channel,-4}  fallbacks {Cell(fallbacks)}; nearly matched: {string.Join(", ", near.Select(n => $"{n.Entry} {Cell(n.Count)}")).DefaultIfEmptyText("none")}");
        }
    }

    private void AppendDidYouMean(StringBuilder text)
    {
        text.AppendLine().AppendLine("\"Did you mean\": how often asked, which entries it offered and which were picked");
        var groups = Rows.Where(r => r.Key.Metric is UsageMetrics.Clarify or UsageMetrics.Offered or UsageMetrics.Picked or UsageMetrics.NoneOfThese)
            .GroupBy(r => (r.Key.Lang, r.Key.Channel)).OrderBy(g => g.Key.Lang, StringComparer.Ordinal).ThenBy(g => g.Key.Channel, StringComparer.Ordinal).ToList();
        if (groups.Count == 0)
        {
            text.AppendLine("  not asked in this period");
            return;
        }

        foreach (var group in groups)
        {
            long Sum(string metric) => group.Where(r => r.Key.Metric == metric).Sum(r => r.Count);
            text.AppendLine(Culture, $"  {group.Key.Lang,-4}  {group.Key.Channel,-4}  asked {Cell(Sum(UsageMetrics.Clarify))}; picked an option {Cell(Sum(UsageMetrics.Picked))}; None of these {Cell(Sum(UsageMetrics.NoneOfThese))}");
            var entries = group.Where(r => r.Key.Metric is UsageMetrics.Offered or UsageMetrics.Picked && r.Key.Entry is not null)
                .GroupBy(r => r.Key.Entry!)
                .Select(g => (Entry: g.Key, Offered: g.Where(r => r.Key.Metric == UsageMetrics.Offered).Sum(r => r.Count), Picked: g.Where(r => r.Key.Metric == UsageMetrics.Picked).Sum(r => r.Count)))
                .OrderByDescending(e => e.Offered).ThenBy(e => e.Entry, StringComparer.Ordinal);
            foreach (var (entry, offered, picked) in entries)
            {
                text.AppendLine(Culture, $"    {entry,-44}  offered {Cell(offered),5}  picked {Cell(picked),5}");
            }
        }
    }

    private void AppendUnused(StringBuilder text)
    {
        var since = CountedSince is { } day ? $"counted since {day:yyyy-MM-dd}" : "nothing counted yet";
        text.AppendLine().AppendLine(Culture, $"Entries not answered in the last {UnusedWindow} days ({since}): {Unused.Count}");
        foreach (var language in Unused.GroupBy(e => e.Lang))
        {
            text.AppendLine(Culture, $"  {language.Key}: {string.Join(", ", language.Select(e => e.Id))}");
        }
    }

    private void AppendWords(StringBuilder text)
    {
        if (Words is null)
        {
            return;
        }

        text.AppendLine().AppendLine("Recurring words the knowledge does not use (each seen in at least the configured number of conversations in a week; estimated)");
        if (Words.Count == 0)
        {
            text.AppendLine("  none");
        }

        foreach (var week in Words.GroupBy(w => w.Week))
        {
            text.AppendLine(Culture, $"  week of {week.Key:yyyy-MM-dd}: {string.Join(", ", week.Select(w => $"{w.Word} (~{w.Conversations})"))}");
        }
    }
}

public sealed record UsageRow(DateOnly Day, UsageKey Key, long Count);

internal static class TextExtensions
{
    public static string DefaultIfEmptyText(this string text, string fallback) => text.Length == 0 ? fallback : text;
}
