using System.Net;
using System.Xml.Linq;

namespace HarmReduction.Bot.Tests.Channels.Sms;

internal sealed record SmsResponse(HttpStatusCode Status, string? ContentType, string Body)
{
    /// <summary>The texts of the TwiML's <c>&lt;Message&gt;</c> verbs (the XML must parse).</summary>
    public IReadOnlyList<string> Messages => XDocument.Parse(Body).Root!.Elements("Message").Select(m => m.Value).ToList();

    public string Text => string.Join("\n\n", Messages);
}
