using System.Text.RegularExpressions;

namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// Spanish words whose accent carries the meaning and is lost on the SMS channel, which sends á, í, ó, ú as a, i, o, u
/// to stay in GSM-7 (é, ñ, ü survive, so él, sé and dé are safe; "más" read as "mas" is still understood).
/// </summary>
internal static partial class SpanishSmsAccents
{
    /// <summary>Accented word: what the SMS shows instead, and what that means.</summary>
    private static readonly Dictionary<string, (string Shown, string Meaning)> Accented = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sí"] = ("si", "if"), ["está"] = ("esta", "this"), ["estás"] = ("estas", "these"), ["tú"] = ("tu", "your"), ["mí"] = ("mi", "my"),
        ["usó"] = ("uso", "I use"), ["tomó"] = ("tomo", "I take"), ["inyectó"] = ("inyecto", "I inject"), ["respiró"] = ("respiro", "I breathe"),
        ["pasó"] = ("paso", "I pass"), ["fumó"] = ("fumo", "I smoke"), ["mezcló"] = ("mezclo", "I mix"), ["dejó"] = ("dejo", "I leave"),
        ["paró"] = ("paro", "I stop"), ["tragó"] = ("trago", "I swallow"), ["inhaló"] = ("inhalo", "I inhale"),
        ["reaccionó"] = ("reacciono", "I react"), ["compró"] = ("compro", "I buy"), ["llamó"] = ("llamo", "I call"),
    };

    /// <summary>
    /// The same verbs already written without the accent. An answer speaks to "tú" and almost never means the first
    /// person, so "no sepas que tomo" is really "qué tomó". Words that are also common nouns (uso, paso) are left out.
    /// </summary>
    private static readonly Dictionary<string, (string Meant, string Meaning)> Stripped = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tomo"] = ("tomó", "I take"), ["inyecto"] = ("inyectó", "I inject"), ["fumo"] = ("fumó", "I smoke"),
        ["mezclo"] = ("mezcló", "I mix"), ["inhalo"] = ("inhaló", "I inhale"), ["reacciono"] = ("reaccionó", "I react"),
    };

    /// <summary>Each ambiguous word of a Spanish SMS answer, with why it reads two ways.</summary>
    public static IEnumerable<(string Word, string Why)> Find(string sms)
    {
        foreach (Match match in Word().Matches(sms))
        {
            var word = match.Value;
            if (Accented.TryGetValue(word, out var shown))
            {
                yield return (word, $"the SMS sends it as '{shown.Shown}' ({shown.Meaning})");
            }
            else if (Stripped.TryGetValue(word, out var meant))
            {
                yield return (word, $"it reads as '{meant.Meaning}'; if it means '{meant.Meant}', the SMS cannot send that accent");
            }
            else if (word.Equals("si", StringComparison.OrdinalIgnoreCase) && CommaAfter().IsMatch(sms, match.Index + match.Length))
            {
                yield return (word + ",", "it reads as 'if'; if it means 'sí', the SMS cannot send that accent (try 'Claro,')");
            }
        }
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\G\s*,")]
    private static partial Regex CommaAfter();
}
