namespace HarmReduction.Bot.Knowledge;

/// <summary>The bot's own lines (welcome, menu, fallback, emergency...) from <c>messages.yaml</c>, per language.</summary>
public sealed class BotMessages(IReadOnlyDictionary<string, LanguageMap<string>> messages)
{
    /// <summary>The built-in web page's own words (<c>page-*</c>), served in the conversation's language.</summary>
    public static readonly IReadOnlyList<string> PageKeys =
    [
        "page-title", "page-intro", "page-history-note", "page-exit", "page-exit-hint", "page-conversation", "page-you-said",
        "page-bot-said", "page-suggested", "page-typing", "page-composer", "page-input-label", "page-placeholder", "page-send",
        "page-connecting", "page-reconnecting", "page-could-not-connect", "page-offline", "page-waiting", "page-still-sending",
        "page-not-sent", "page-call-emergency", "page-call-crisis", "page-reset-notice", "page-ended", "page-noscript",
    ];

    /// <summary>Keys the engine asks for; <c>validate</c> reports any that are missing in English.</summary>
    public static readonly IReadOnlyList<string> RequiredKeys =
    [
        "welcome", "menu", "help", "fallback", "clarify", "none-of-these", "more-prompt", "no-more", "reset",
        "empty-message", "follow-up-prompt", "emergency-opioid", "emergency-stimulant", "crisis", "sources",
        "courtesy-thanks", "courtesy-ok", "choice-out-of-range", "or", "photo-unseen", .. PageKeys,
    ];

    /// <summary>Placeholders a message fills itself at the time it is sent, besides the <c>Resources</c> ones.</summary>
    private static readonly Dictionary<string, string[]> OwnPlaceholders = new(StringComparer.Ordinal)
    {
        ["choice-out-of-range"] = ["choices"],
    };

    public IReadOnlyDictionary<string, LanguageMap<string>> All { get; } = messages;

    /// <summary>The message's parts (one reply activity each) in <paramref name="language"/>, or in English when it has no translation.</summary>
    public IReadOnlyList<string> Get(string key, string language)
    {
        if (!All.TryGetValue(key, out var map))
        {
            throw new KeyNotFoundException($"messages.yaml has no message '{key}'.");
        }

        var parts = map.For(language);
        return parts.Count > 0 ? parts : map.For("en");
    }

    public string GetText(string key, string language) => string.Join("\n\n", Get(key, language));

    /// <summary>Whether <paramref name="placeholder"/> is one that message <paramref name="key"/> fills itself.</summary>
    public static bool FillsItself(string key, string placeholder) =>
        OwnPlaceholders.TryGetValue(key, out var names) && names.Contains(placeholder, StringComparer.Ordinal);
}
