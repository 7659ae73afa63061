using System.Text.RegularExpressions;

namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// Contacts each program fills in, per language (<c>Resources:en:EmergencyNumber</c>...). Answers refer to them with
/// placeholders such as <c>{emergency_number}</c>, so no entry hard-codes a local service.
/// </summary>
public sealed class ResourcesOptions : Dictionary<string, LocaleResources>
{
    public const string Section = "Resources";

    public ResourcesOptions()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    public LocaleResources For(string language) =>
        TryGetValue(language, out var resources) ? resources : TryGetValue("en", out var english) ? english : LocaleResources.Defaults;
}

public sealed class LocaleResources
{
    public static readonly LocaleResources Defaults = new();

    public string EmergencyNumber { get; set; } = "911";

    public string CrisisLine { get; set; } = "988";

    public string ProgramName { get; set; } = "HarmReduction.Bot";

    /// <summary>How to reach a person. The default is a real national line; programs put their own here.</summary>
    public string HumanContact { get; set; } = "the SAMHSA National Helpline, 1-800-662-4357 (free, confidential, 24/7)";

    /// <summary>America's Poison Centers, the national Poison Help line.</summary>
    public string PoisonControl { get; set; } = "1-800-222-1222";

    /// <summary>The Never Use Alone hotline (a national, volunteer-run overdose spotting line).</summary>
    public string NeverUseAlone { get; set; } = "1-800-484-3731";

    /// <summary>The SAMHSA National Helpline (treatment referral and information).</summary>
    public string SamhsaHelpline { get; set; } = "1-800-662-4357";
}

/// <summary>Fills <c>{placeholder}</c>s in answers and messages from <see cref="ResourcesOptions"/>.</summary>
public static partial class Placeholders
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "emergency_number", "crisis_line", "program_name", "human_contact", "poison_control", "never_use_alone", "samhsa_helpline",
    };

    public static string Fill(string text, LocaleResources resources) =>
        text.Contains('{', StringComparison.Ordinal)
            ? Pattern().Replace(text, m => m.Groups[1].Value switch
            {
                "emergency_number" => resources.EmergencyNumber,
                "crisis_line" => resources.CrisisLine,
                "program_name" => resources.ProgramName,
                "human_contact" => resources.HumanContact,
                "poison_control" => resources.PoisonControl,
                "never_use_alone" => resources.NeverUseAlone,
                "samhsa_helpline" => resources.SamhsaHelpline,
                _ => m.Value,
            })
            : text;

    /// <summary>The known placeholders a text uses, each once.</summary>
    public static IEnumerable<string> Used(string text) =>
        Pattern().Matches(text).Select(m => m.Groups[1].Value).Where(Known.Contains).Distinct(StringComparer.Ordinal);

    /// <summary>The <c>Resources:&lt;lang&gt;:*</c> setting behind a placeholder (<c>human_contact</c> → <c>HumanContact</c>).</summary>
    public static string SettingName(string placeholder) =>
        string.Concat(placeholder.Split('_').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));

    public static IEnumerable<string> Unknown(string text) =>
        Pattern().Matches(text).Select(m => m.Groups[1].Value).Where(name => !Known.Contains(name));

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Pattern();
}
