using System.Text.RegularExpressions;

namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// Finds configured contact numbers written out in text, in any of their usual spellings (1-800-484-3731,
/// (800) 484-3731, 18004843731), so answers use the placeholder and each program's own number reaches people.
/// </summary>
internal sealed class ContactNumbers
{
    private readonly List<(Regex Pattern, string Placeholder)> _numbers;

    public ContactNumbers(LocaleResources resources)
    {
        (string Number, string Placeholder)[] contacts =
        [
            (resources.EmergencyNumber, "emergency_number"), (resources.CrisisLine, "crisis_line"), (resources.PoisonControl, "poison_control"),
            (resources.NeverUseAlone, "never_use_alone"), (resources.SamhsaHelpline, "samhsa_helpline"),
        ];
        _numbers = contacts
            .Select(c => (Digits: new string([.. c.Number.Where(char.IsAsciiDigit)]), c.Placeholder))
            .Where(c => c.Digits.Length > 0)
            .Select(c => (Written(c.Digits), c.Placeholder))
            .ToList();
    }

    /// <summary>Each written-out number, as written, with the placeholder that stands for it.</summary>
    public IEnumerable<(string Found, string Placeholder)> Find(string text) =>
        _numbers.SelectMany(n => n.Pattern.Matches(text).Select(m => (m.Value, n.Placeholder)));

    private static Regex Written(string digits)
    {
        // North American numbers may be written with or without the leading 1; short codes (911, 988) only whole.
        var national = digits.Length == 11 && digits[0] == '1' ? digits[1..] : digits;
        var separator = national.Length >= 7 ? @"[\s().-]{0,2}" : "-?";
        var prefix = national.Length == 10 ? @"(?:\+?1[\s.-]?)?\(?" : string.Empty;
        var body = string.Join(separator, national.Select(d => d.ToString()));
        return new Regex($@"(?<![\p{{L}}\p{{N}}]){prefix}{body}(?![\p{{L}}\p{{N}}])", RegexOptions.CultureInvariant);
    }
}
