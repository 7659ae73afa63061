using System.Text;

namespace HarmReduction.Bot.Channels.Sms;

/// <summary>The TwiML a messaging webhook answers with: one <c>&lt;Message&gt;</c> per SMS to send, or an empty response for none.</summary>
public static class Twiml
{
    public const string ContentType = "text/xml";

    private const string Declaration = """<?xml version="1.0" encoding="UTF-8"?>""";

    public static string Empty { get; } = Declaration + "<Response/>";

    public static string Messages(IEnumerable<string> messages)
    {
        var builder = new StringBuilder(Declaration).Append("<Response>");
        var any = false;
        foreach (var message in messages)
        {
            builder.Append("<Message>");
            AppendEscaped(builder, message);
            builder.Append("</Message>");
            any = true;
        }

        return any ? builder.Append("</Response>").ToString() : Empty;
    }

    /// <summary>Escapes markup and drops what XML 1.0 cannot carry (control characters, lone surrogates); a CR becomes a line feed.</summary>
    private static void AppendEscaped(StringBuilder builder, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '\r':
                    if (i + 1 >= text.Length || text[i + 1] != '\n')
                    {
                        builder.Append('\n');
                    }

                    break;
                case '\n' or '\t':
                    builder.Append(c);
                    break;
                case < ' ' or '\uFFFE' or '\uFFFF':
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else if (!char.IsSurrogate(c))
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }
    }
}
