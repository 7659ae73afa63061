using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Knowledge.Matching;
using HarmReduction.Bot.Text;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Reporting;

/// <summary>
/// Recurring words the knowledge does not know (<c>Report:UnknownWords</c>, off by default). Per week, each unknown word
/// (letters only, at least <c>MinLetters</c>, not a word any entry, synonym or bot message uses) is kept as a keyed hash
/// with a 64-bit sketch of the conversations it came from: one bit per conversation, chosen by a hash of the
/// conversation's (already pseudonymous) id, so no id can be read back. Only when the sketch says
/// <c>MinConversations</c> separate conversations used it is the word itself written down, to be shown in the report.
/// The week's key and sketches expire a day after the week ends; words shown are kept like the daily counts.
/// </summary>
public sealed class UnknownWords(IStorage storage, KnowledgeProvider knowledge, IOptions<ReportOptions> options, TimeProvider time)
{
    private const int SketchBits = 64;

    private static readonly ConditionalWeakTable<KnowledgeBase, HashSet<string>> Vocabularies = [];

    private readonly Lock _lock = new();
    private Dictionary<(DateOnly Week, string Word), ulong> _pending = [];

    public static string SketchKey(DateOnly week) => "reports/words/" + week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string ShownKey(DateOnly week) => SketchKey(week) + "/shown";

    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public void Record(TurnContext turn)
    {
        var text = turn.Activity.Text;
        var conversation = turn.Activity.Conversation?.Id;
        if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(conversation) || !knowledge.IsLoaded || turn.Outcome.Kind is TurnKind.Emergency or TurnKind.Crisis or TurnKind.OptOut)
        {
            return;
        }

        var known = Vocabularies.GetValue(knowledge.Current.Knowledge, Vocabulary);
        var words = TextNormalizer.Tokens(text)
            .Where(w => w.Length >= options.Value.UnknownWords.MinLetters && w.All(char.IsAsciiLetterLower) && !known.Contains(w) && !StopWords.Contains(turn.Language, w))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (words.Count == 0)
        {
            return;
        }

        var bit = 1UL << (SHA256.HashData(Encoding.UTF8.GetBytes(conversation))[0] % SketchBits);
        var week = WeekOf(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        lock (_lock)
        {
            foreach (var word in words)
            {
                _pending[(week, word)] = _pending.GetValueOrDefault((week, word)) | bit;
            }
        }
    }

    /// <summary>Adds the week's sketches to the store and writes down the words that reached the threshold.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Dictionary<(DateOnly Week, string Word), ulong> taken;
        lock (_lock)
        {
            taken = _pending;
            _pending = [];
        }

        var weeks = taken.GroupBy(kv => kv.Key.Week).ToList();
        for (var i = 0; i < weeks.Count; i++)
        {
            var sketchTtl = new DateTimeOffset(weeks[i].Key.AddDays(8).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - time.GetUtcNow();
            if (sketchTtl <= TimeSpan.Zero)
            {
                continue;
            }

            try
            {
                await FlushWeekAsync(weeks[i].Key, weeks[i], sketchTtl, cancellationToken);
            }
            catch
            {
                // Kept for the next flush, with the weeks not yet written: merging a sketch again changes nothing (bits are or-ed).
                lock (_lock)
                {
                    foreach (var (key, bits) in weeks.Skip(i).SelectMany(w => w))
                    {
                        _pending[key] = _pending.GetValueOrDefault(key) | bits;
                    }
                }

                throw;
            }
        }
    }

    private async Task FlushWeekAsync(DateOnly weekStart, IEnumerable<KeyValuePair<(DateOnly Week, string Word), ulong>> week, TimeSpan sketchTtl, CancellationToken cancellationToken)
    {
        var secret = await WeekSecretAsync(weekStart, sketchTtl, cancellationToken);
        var hashed = week.ToDictionary(kv => Hash(secret, kv.Key.Word), kv => (kv.Key.Word, Bits: kv.Value), StringComparer.Ordinal);
        var merged = await UpdateAsync(SketchKey(weekStart), sketchTtl, cancellationToken, (Dictionary<string, ulong> sketches) =>
        {
            foreach (var (hash, (_, bits)) in hashed)
            {
                sketches[hash] = sketches.GetValueOrDefault(hash) | bits;
            }
        });
        var shown = hashed
            .Select(h => (h.Value.Word, Estimate: Estimate(merged.GetValueOrDefault(h.Key))))
            .Where(w => w.Estimate >= options.Value.UnknownWords.MinConversations)
            .ToList();
        if (shown.Count > 0)
        {
            var shownTtl = new DateTimeOffset(weekStart.AddDays(7 + options.Value.RetentionDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - time.GetUtcNow();
            await UpdateAsync(ShownKey(weekStart), shownTtl, cancellationToken, (Dictionary<string, ulong> words) =>
            {
                foreach (var (word, estimate) in shown)
                {
                    words[word] = Math.Max(words.GetValueOrDefault(word), (ulong)estimate);
                }
            });
        }
    }

    /// <summary>The words shown for each week from <paramref name="from"/> to <paramref name="to"/>, with the estimated number of conversations.</summary>
    public async Task<IReadOnlyList<(DateOnly Week, string Word, long Conversations)>> ShownAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var shown = new List<(DateOnly, string, long)>();
        for (var week = WeekOf(from); week <= to; week = week.AddDays(7))
        {
            if (await storage.ReadAsync(ShownKey(week), cancellationToken) is { } item)
            {
                var words = JsonSerializer.Deserialize<Dictionary<string, ulong>>(item.Value.Span) ?? [];
                shown.AddRange(words.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).Select(w => (week, w.Key, (long)w.Value)));
            }
        }

        return shown;
    }

    /// <summary>Linear counting: how many conversations set the bits of a 64-bit sketch.</summary>
    public static double Estimate(ulong sketch)
    {
        var zeros = SketchBits - BitOperations.PopCount(sketch);
        return zeros == 0 ? SketchBits * Math.Log(SketchBits) : -SketchBits * Math.Log((double)zeros / SketchBits);
    }

    private static HashSet<string> Vocabulary(KnowledgeBase knowledge)
    {
        var texts = knowledge.Entries.SelectMany(e => e.Questions.Concat(e.Keywords).Append(e.Title).Append(e.SmsAnswer).Append(e.WebAnswer))
            .Concat(knowledge.Synonyms.Rules.All().SelectMany(r => r.Item.Variants.Append(r.Item.Term)))
            .Concat(knowledge.Messages.All.Values.SelectMany(m => m.All().Select(x => x.Item)));
        return texts.SelectMany(TextNormalizer.Tokens).ToHashSet(StringComparer.Ordinal);
    }

    private static string Hash(byte[] secret, string word) => Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(word)))[..16];

    private async Task<byte[]> WeekSecretAsync(DateOnly week, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var key = SketchKey(week) + "/key";
        if (await storage.ReadAsync(key, cancellationToken) is { } existing)
        {
            return existing.Value.ToArray();
        }

        var secret = RandomNumberGenerator.GetBytes(32);
        try
        {
            await storage.WriteAsync(key, secret, expectedETag: null, ttl, cancellationToken);
            return secret;
        }
        catch (EtagConflictException)
        {
            // Another instance made the week's key first: use theirs.
            return (await storage.ReadAsync(key, cancellationToken))?.Value.ToArray() ?? secret;
        }
    }

    private async Task<Dictionary<string, ulong>> UpdateAsync(string key, TimeSpan ttl, CancellationToken cancellationToken, Action<Dictionary<string, ulong>> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            var item = await storage.ReadAsync(key, cancellationToken);
            var value = item is null ? new Dictionary<string, ulong>(StringComparer.Ordinal) : JsonSerializer.Deserialize<Dictionary<string, ulong>>(item.Value.Span) ?? [];
            change(value);
            try
            {
                await storage.WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(value), item?.ETag, ttl, cancellationToken);
                return value;
            }
            catch (EtagConflictException) when (attempt < 20)
            {
            }
        }
    }
}
