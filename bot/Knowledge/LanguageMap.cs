namespace HarmReduction.Bot.Knowledge;

/// <summary>Per-language lists read from a YAML mapping like <c>{ en: [...], es: [...] }</c>.</summary>
public sealed class LanguageMap<T>
{
    private readonly Dictionary<string, IReadOnlyList<T>> _byLanguage = new(StringComparer.Ordinal);

    public IEnumerable<string> Languages => _byLanguage.Keys;

    public IReadOnlyList<T> For(string language) => _byLanguage.GetValueOrDefault(language) ?? [];

    public IEnumerable<(string Language, T Item)> All() =>
        _byLanguage.SelectMany(kv => kv.Value.Select(item => (kv.Key, item)));

    internal void Set(string language, IReadOnlyList<T> items) => _byLanguage[language] = items;
}
