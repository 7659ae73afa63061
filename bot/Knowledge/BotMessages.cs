namespace HarmReduction.Bot.Knowledge;

/// <summary>The bot's own lines (welcome, menu, fallback, emergency...) from <c>messages.yaml</c>, per language.</summary>
public sealed class BotMessages(IReadOnlyDictionary<string, LanguageMap<string>> messages)
{
    /// <summary>Keys the engine asks for; <c>validate</c> reports any that are missing in English.</summary>
    public static readonly IReadOnlyList<string> RequiredKeys =
    [
        "welcome", "menu", "help", "fallback", "clarify", "none-of-these", "more-prompt", "no-more", "reset",
        "empty-message", "follow-up-prompt", "emergency-opioid", "emergency-stimulant", "crisis", "sources",
    ];

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
}
