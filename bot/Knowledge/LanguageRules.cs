using System.Text.RegularExpressions;

namespace HarmReduction.Bot.Knowledge;

/// <summary>Stigmatizing words staff should not publish, with the person-first words to use instead (<c>language.yaml</c>).</summary>
public sealed class LanguageRules(IReadOnlyList<LanguageRule> rules)
{
    public static readonly LanguageRules Empty = new([]);

    public IReadOnlyList<LanguageRule> Rules { get; } = rules;

    /// <summary>Every avoided phrase in <paramref name="text"/>, with its offset.</summary>
    public IEnumerable<(LanguageRule Rule, string Found, int Index)> Find(string text)
    {
        foreach (var rule in Rules)
        {
            var masked = rule.Allow.Aggregate(text, (current, allowed) => allowed.Replace(current, m => new string('_', m.Length)));
            foreach (Match match in rule.Pattern.Matches(masked))
            {
                yield return (rule, text.Substring(match.Index, match.Length), match.Index);
            }
        }
    }
}

public sealed record LanguageRule(IReadOnlyList<string> Avoid, string Prefer, Regex Pattern, IReadOnlyList<Regex> Allow, SourcePosition Position);
