namespace HarmReduction.Bot.Knowledge;

/// <summary>A validated, immutable snapshot of the knowledge folder.</summary>
public sealed class KnowledgeBase
{
    public KnowledgeBase(IReadOnlyList<KnowledgeEntry> entries, Synonyms synonyms, SafetyRules safety, BotMessages messages, LanguageRules language, Situations? situations = null)
    {
        Entries = entries;
        ById = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        Synonyms = synonyms;
        Safety = safety;
        Messages = messages;
        Language = language;
        Situations = situations ?? Situations.Empty;
    }

    public IReadOnlyList<KnowledgeEntry> Entries { get; }

    public IReadOnlyDictionary<string, KnowledgeEntry> ById { get; }

    public Synonyms Synonyms { get; }

    public SafetyRules Safety { get; }

    public BotMessages Messages { get; }

    public LanguageRules Language { get; }

    public Situations Situations { get; }

    /// <summary>Phrasings another entry answers, accepted as they are (<c>routing-accepted.yaml</c>).</summary>
    public AcceptedRoutes AcceptedRoutes { get; init; } = AcceptedRoutes.None;
}
