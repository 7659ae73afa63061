using System.Globalization;
using System.Text.Json;
using HarmReduction.Bot.Conversation.State;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Reporting;

/// <summary>
/// The daily counts in the state store (memory or Redis), one item per UTC day, so every instance adds to the same
/// numbers. Adding is read, add, write with the ETag (retried on a conflict); each day expires
/// <see cref="ReportOptions.RetentionDays"/> after it ends.
/// </summary>
public sealed class UsageStore(IStorage storage, IOptions<ReportOptions> options, TimeProvider time)
{
    private const int MaxAttempts = 20;

    public static string KeyFor(DateOnly day) => "reports/usage/" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<IReadOnlyDictionary<string, long>> ReadDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var item = await storage.ReadAsync(KeyFor(day), cancellationToken);
        return item is null ? new Dictionary<string, long>(StringComparer.Ordinal) : Parse(item.Value);
    }

    /// <summary>Adds <paramref name="counts"/> to the day's counts.</summary>
    public async Task AddAsync(DateOnly day, IReadOnlyDictionary<string, long> counts, CancellationToken cancellationToken)
    {
        var ttl = TimeToLive(day);
        if (ttl <= TimeSpan.Zero || counts.Count == 0)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            var item = await storage.ReadAsync(KeyFor(day), cancellationToken);
            var merged = item is null ? new Dictionary<string, long>(StringComparer.Ordinal) : Parse(item.Value);
            foreach (var (key, count) in counts)
            {
                merged[key] = merged.GetValueOrDefault(key) + count;
            }

            try
            {
                await storage.WriteAsync(KeyFor(day), JsonSerializer.SerializeToUtf8Bytes(merged), item?.ETag, ttl, cancellationToken);
                return;
            }
            catch (EtagConflictException) when (attempt < MaxAttempts)
            {
                // Another instance added its counts in between: read them and add ours again.
            }
        }
    }

    /// <summary>The counts of each day from <paramref name="from"/> to <paramref name="to"/> (days without counts are left out).</summary>
    public async Task<IReadOnlyList<(DateOnly Day, IReadOnlyDictionary<string, long> Counts)>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var days = new List<(DateOnly, IReadOnlyDictionary<string, long>)>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var counts = await ReadDayAsync(day, cancellationToken);
            if (counts.Count > 0)
            {
                days.Add((day, counts));
            }
        }

        return days;
    }

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private TimeSpan TimeToLive(DateOnly day)
    {
        var end = new DateTimeOffset(day.AddDays(1 + options.Value.RetentionDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return end - time.GetUtcNow();
    }

    private static Dictionary<string, long> Parse(ReadOnlyMemory<byte> value)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, long>>(value.Span) is { } parsed
                ? new Dictionary<string, long>(parsed, StringComparer.Ordinal)
                : new Dictionary<string, long>(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return new Dictionary<string, long>(StringComparer.Ordinal);
        }
    }
}
