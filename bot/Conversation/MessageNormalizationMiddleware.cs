using System.Globalization;
using System.Text;

namespace HarmReduction.Bot.Conversation;

/// <summary>
/// Makes any text safe to work with: control and invisible characters removed, noncharacters (U+FFFE, U+FDD0...) and
/// lone surrogates dropped, Unicode normalised, runs of whitespace collapsed, and very long messages cut (the person
/// gets an answer to the start of what they wrote). It runs first, so nothing after it (the safety check included)
/// ever sees text that .NET's own normalisation would refuse.
/// </summary>
public sealed class MessageNormalizationMiddleware : IMiddleware
{
    public const int MaxLength = 2000;

    public Task OnTurnAsync(TurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.IsMessage)
        {
            turnContext.Activity.Text = Normalize(turnContext.Activity.Text);
        }

        return next(cancellationToken);
    }

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var input = WithoutInvalidCodePoints(text.Length > MaxLength * 2 ? text[..(MaxLength * 2)] : text);
        input = input.Normalize(NormalizationForm.FormC);

        var builder = new StringBuilder(input.Length);
        var lastWasSpace = true;
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (char.IsHighSurrogate(c) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
            {
                builder.Append(c).Append(input[++i]);
                lastWasSpace = false;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            var isSpace = char.IsWhiteSpace(c) || category is UnicodeCategory.Control or UnicodeCategory.Format;
            if (isSpace)
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            builder.Append(c);
            lastWasSpace = false;
        }

        var normalized = builder.ToString().Trim();
        return normalized.Length > MaxLength ? normalized[..MaxLength].TrimEnd() : normalized;
    }

    /// <summary>
    /// The text without lone surrogates and Unicode noncharacters (U+FDD0..U+FDEF and the last two code points of every
    /// plane), which <see cref="string.Normalize()"/> refuses with an exception.
    /// </summary>
    public static string WithoutInvalidCodePoints(string text)
    {
        var span = text.AsSpan();
        if (!span.ContainsAnyInRange('\uD800', '\uDFFF') && !span.ContainsAnyInRange('\uFDD0', '\uFDEF') && !span.ContainsAny('\uFFFE', '\uFFFF'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (!IsNoncharacter(char.ConvertToUtf32(text[i], text[i + 1])))
                {
                    builder.Append(text[i]).Append(text[i + 1]);
                }

                i++;
            }
            else if (!char.IsSurrogate(text[i]) && !IsNoncharacter(text[i]))
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}
