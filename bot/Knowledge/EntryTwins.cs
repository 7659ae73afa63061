namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// Pairs entries with their twin in the other language. A pair counts when one side names the other: Spanish entries
/// name their English twin first and the English side gets the reverse link later.
/// </summary>
internal sealed class EntryTwins
{
    private readonly Dictionary<string, KnowledgeEntry> _partners = new(StringComparer.Ordinal);

    public EntryTwins(IReadOnlyCollection<KnowledgeEntry> entries)
    {
        var byId = entries.GroupBy(e => e.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var paired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Twin is not { } id || !byId.TryGetValue(id, out var twin) || twin.Lang == entry.Lang)
            {
                continue;
            }

            // A twin that names a third entry is an error the loader reports; it pairs with neither here.
            if ((twin.Twin is null || twin.Twin == entry.Id) && !paired.Contains(entry.Id) && !paired.Contains(twin.Id))
            {
                paired.Add(entry.Id);
                paired.Add(twin.Id);
                _partners[entry.Id] = twin;
                _partners[twin.Id] = entry;
                Pairs++;
            }
        }

        Alone = entries.Where(e => !paired.Contains(e.Id)).ToList();
    }

    public int Pairs { get; }

    /// <summary>The entry's twin, whichever side names the other.</summary>
    public KnowledgeEntry? TwinOf(string id) => _partners.GetValueOrDefault(id);

    /// <summary>Entries that no entry of the other language pairs with.</summary>
    public IReadOnlyList<KnowledgeEntry> Alone { get; }
}
