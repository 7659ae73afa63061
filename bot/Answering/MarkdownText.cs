using System.Text.RegularExpressions;

namespace HarmReduction.Bot.Answering;

/// <summary>Turns the web answers' light markdown into plain text for SMS: emphasis dropped, links as "text (url)", bullets as dashes.</summary>
public static partial class MarkdownText
{
    public static string ToPlain(string markdown)
    {
        var text = Link().Replace(markdown, m => m.Groups[1].Value == m.Groups[2].Value ? m.Groups[2].Value : $"{m.Groups[1].Value} ({m.Groups[2].Value})");
        text = Emphasis().Replace(text, "$2");
        text = Heading().Replace(text, string.Empty);
        text = Bullet().Replace(text, "- ");
        return text.Trim();
    }

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"^#{1,6}\s*", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*[*+]\s+", RegexOptions.Multiline)]
    private static partial Regex Bullet();
}
