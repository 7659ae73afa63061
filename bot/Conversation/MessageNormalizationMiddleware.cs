using System.Globalization;
using System.Text;

namespace HarmReduction.Bot.Conversation;

/// <summary>
/// Makes any text safe to work with: control and invisible characters removed, Unicode normalised, runs of
/// whitespace collapsed, and very long messages cut (the person gets an answer to the start of what they wrote).
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

        var input = text.Length > MaxLength * 2 ? text[..(MaxLength * 2)] : text;
        try
        {
            input = input.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be normalised; they are dropped below.
        }

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
}
