namespace HarmReduction.Bot.Channels.Sms;

/// <summary>
/// The few fields of Twilio's inbound-message webhook the bot uses. Everything else in the form (the carrier's guess at
/// the sender's city, state, zip and country among it) is signed over and then dropped, never kept or logged.
/// </summary>
public sealed record TwilioMessage(string MessageSid, string From, string To, string Body, string? OptOutType, int MediaCount)
{
    public static TwilioMessage? FromFields(IReadOnlyDictionary<string, string> form)
    {
        var sid = First(form, "MessageSid") ?? First(form, "SmsMessageSid") ?? First(form, "SmsSid");
        var from = First(form, "From");
        if (string.IsNullOrEmpty(sid) || string.IsNullOrEmpty(from))
        {
            return null;
        }

        var media = int.TryParse(First(form, "NumMedia"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : 0;
        return new TwilioMessage(sid, from, First(form, "To") ?? string.Empty, First(form, "Body") ?? string.Empty, First(form, "OptOutType"), media);
    }

    /// <summary>Never the number or the text, in case the message ends up in a log or an exception.</summary>
    public override string ToString() => $"Twilio message ({Body.Length} chars, {MediaCount} media)";

    private static string? First(IReadOnlyDictionary<string, string> form, string key) => form.TryGetValue(key, out var value) ? value : null;
}
