using System.Text.RegularExpressions;

namespace HarmReduction.Bot.Safety;

/// <summary>
/// "cannot" and "can not" are read as "cant", "will not" as "wont", before the rules read a message: the safety phrases
/// are written the way people text ("cant wake him", "wont wake up"), and a careful writer's "I cannot wake him" says the
/// same. Only these two: "is not" and "do not" stay, since phrases use "not" itself ("not breathing", "do not want to die").
/// </summary>
public static partial class EnglishNegations
{
    public static string ReadBack(string text) => WillNot().Replace(CanNot().Replace(text, "cant"), "wont");

    [GeneratedRegex(@"\bcan\s?not\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CanNot();

    [GeneratedRegex(@"\bwill\s+not\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WillNot();
}
