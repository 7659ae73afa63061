using System.Text;
using System.Xml.Linq;
using Twilio.TwiML;

namespace HarmReduction.Bot.Channels.Sms;

/// <summary>
/// The TwiML a messaging webhook answers with, written by the official library's <see cref="MessagingResponse"/>: one
/// <c>&lt;Message&gt;</c> per SMS to send, or an empty response for none. The library refuses (throws on) characters XML
/// cannot carry, so they are dropped first.
/// </summary>
public static class Twiml
{
    public const string ContentType = "text/xml";

    public static string Empty { get; } = new MessagingResponse().ToString(SaveOptions.DisableFormatting);

    public static string Messages(IEnumerable<string> messages)
    {
        var response = new MessagingResponse();
        foreach (var message in messages)
        {
            response.Message(XmlSafe(message));
        }

        return response.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>Drops what XML 1.0 cannot carry (control characters, noncharacters U+FFFE/U+FFFF, lone surrogates); a lone CR becomes a line feed.</summary>
    internal static string XmlSafe(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
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

        return builder.ToString();
    }
}
