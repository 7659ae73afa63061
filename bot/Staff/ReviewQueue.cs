using System.Globalization;
using System.Text;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Reporting;

namespace HarmReduction.Bot.Staff;

/// <summary>
/// Which entries are due for a new look against their sources: <c>reviewed</c> plus <c>review_every</c> (12 months
/// unless the entry says otherwise), with the twin in the other language, the owner, and how often the entry was answered
/// in the last 30 days (from the gaps report's counts), so the most used entries get looked at first.
/// </summary>
public sealed class ReviewQueue
{
    public const int UsageDays = 30;

    private ReviewQueue(DateOnly today, IReadOnlyList<ReviewItem> items, bool hasUsage)
    {
        Today = today;
        Items = items;
        HasUsage = hasUsage;
    }

    public DateOnly Today { get; }

    /// <summary>Every entry, soonest due first.</summary>
    public IReadOnlyList<ReviewItem> Items { get; }

    /// <summary>Whether usage counts were available (a CLI on an in-memory store has none).</summary>
    public bool HasUsage { get; }

    /// <param name="usage">The last 30 days of the gaps report, or null when the counts cannot be read here.</param>
    public static ReviewQueue Build(KnowledgeBase knowledge, DateOnly today, GapsReport? usage)
    {
        var twins = new EntryTwins(knowledge.Entries);
        var items = knowledge.Entries
            .Select(e => new ReviewItem(e, twins.TwinOf(e.Id), usage?.AnswersOf(e.Id)))
            .OrderBy(i => i.Entry.ReviewDue)
            .ThenByDescending(i => i.Answers ?? 0)
            .ThenBy(i => i.Entry.Id, StringComparer.Ordinal)
            .ToList();
        return new ReviewQueue(today, items, usage is not null);
    }

    /// <summary>Entries due by <paramref name="within"/> days from today (overdue ones included).</summary>
    public IReadOnlyList<ReviewItem> Due(int within) => Items.Where(i => i.Entry.ReviewDue <= Today.AddDays(within)).ToList();

    /// <param name="within">The window <paramref name="items"/> were chosen with; null when they are all the entries.</param>
    public string ToText(IReadOnlyList<ReviewItem> items, int? within)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var which = within is { } days ? $"{items.Count} of {Items.Count} entries due by {Today.AddDays(days):yyyy-MM-dd}" : $"{Items.Count} entries, soonest due first";
        text.AppendLine(culture, $"Review queue: {which} (today {Today:yyyy-MM-dd}; use = answers in the last {UsageDays} days, under 5 shown as <5{(HasUsage ? string.Empty : ", - when not counted here")})");
        if (items.Count == 0)
        {
            return text.ToString();
        }

        text.AppendLine(culture, $"{"due",-10}  {"",-7}  {"id",-44}  {"lang",-4}  {"owner",-10}  {"reviewed",-10}  {"every",-9}  {"use",4}  twin (reviewed)");
        foreach (var item in items)
        {
            var entry = item.Entry;
            var state = entry.ReviewDue < Today ? "overdue" : string.Empty;
            var twin = item.Twin is { } t ? $"{t.Id} ({t.Reviewed:yyyy-MM-dd})" : "none";
            var use = item.Answers is { } n ? GapsReport.Cell(n) : "-";
            text.AppendLine(culture, $"{entry.ReviewDue:yyyy-MM-dd}  {state,-7}  {entry.Id,-44}  {entry.Lang,-4}  {entry.Owner ?? "-",-10}  {entry.Reviewed:yyyy-MM-dd}  {entry.ReviewEvery,-9}  {use,4}  {twin}");
        }

        return text.ToString();
    }
}

/// <param name="Answers">Answers in the last 30 days; null when the counts are not available.</param>
public sealed record ReviewItem(KnowledgeEntry Entry, KnowledgeEntry? Twin, long? Answers);
