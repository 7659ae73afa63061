using System.Globalization;
using System.Text;

namespace HarmReduction.Bot.Text;

/// <summary>Folds text for matching: lower case, accents removed, apostrophes dropped, everything else a separator.</summary>
public static class TextNormalizer
{
    public static string Fold(string text)
    {
        // Text from the wire is cleaned first (MessageNormalizationMiddleware), but folding must never throw whatever it gets.
        var decomposed = Conversation.MessageNormalizationMiddleware.WithoutInvalidCodePoints(text).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (c is '\'' or '\u2019' or '\u2018' or '`' or '\u00b4')
            {
                continue; // "don't" and "dont" must be the same word
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return builder.ToString();
    }

    public static IReadOnlyList<string> Tokens(string text) =>
        Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Single spaces between folded tokens: the form phrase patterns are compared in.</summary>
    public static string FoldToPhrase(string text) => string.Join(' ', Tokens(text));
}
