namespace HarmReduction.Bot.Knowledge;

/// <summary>Slang and misspellings mapped to the words entries use, per language (from <c>synonyms.yaml</c>).</summary>
public sealed class Synonyms(LanguageMap<SynonymRule> rules)
{
    public static readonly Synonyms Empty = new(new LanguageMap<SynonymRule>());

    public LanguageMap<SynonymRule> Rules { get; } = rules;
}

/// <summary>Each variant (one or more folded words) means <see cref="Term"/>.</summary>
public sealed record SynonymRule(string Term, IReadOnlyList<string> Variants, SourcePosition Position);
