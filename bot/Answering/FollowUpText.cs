using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Answering;

/// <summary>A message that leans on what was just said: short, and pointing back ("them", "that", "eso").</summary>
public static class FollowUpText
{
    private static readonly HashSet<string> PointingBack = new(StringComparer.Ordinal)
    {
        "it", "its", "them", "they", "that", "those", "this", "these", "one", "ones", "there", "lo", "la", "los", "las", "eso", "esa", "esas",
        "esos", "esto", "ahi", "alli",
    };

    public static bool IsShortFollowUp(string text)
    {
        var tokens = TextNormalizer.Tokens(text);
        return tokens.Count is > 0 and <= 8 && tokens.Any(PointingBack.Contains);
    }
}
