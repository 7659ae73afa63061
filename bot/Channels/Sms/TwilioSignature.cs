using Twilio.Security;

namespace HarmReduction.Bot.Channels.Sms;

/// <summary>
/// <c>X-Twilio-Signature</c> for form-encoded webhooks, checked by the official library's <see cref="RequestValidator"/>
/// (HMAC-SHA1 over the URL and the parameters in ordinal key order, compared in constant time, with the URL tried with
/// and without its default port). Two things are added around it: the library only adds or removes the port of a URL
/// without one, so the URL with an explicit default port (<c>https://host:443/...</c>) is also tried with it removed;
/// and a URL it cannot parse is a refusal, not an exception.
/// </summary>
public static class TwilioSignature
{
    /// <summary>Whether <paramref name="signature"/> signs this request.</summary>
    public static bool IsValid(string authToken, string? signature, string url, IReadOnlyDictionary<string, string> parameters)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken))
        {
            return false;
        }

        var validator = new RequestValidator(authToken);
        var dictionary = parameters as IDictionary<string, string> ?? new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        var valid = false;
        foreach (var candidate in new[] { url, WithPortToggled(url) }.Distinct(StringComparer.Ordinal))
        {
            try
            {
                valid |= validator.Validate(candidate, dictionary, signature);
            }
            catch (Exception e) when (e is UriFormatException or ArgumentException)
            {
                // Not a URL the library can parse (empty, a bad port): nothing was signed for it.
            }
        }

        return valid;
    }

    /// <summary>
    /// The URL with the scheme's default port added when it has none (<c>:443</c> for https, <c>:80</c> otherwise), or with
    /// its port removed when it has one; everything else, including the casing of scheme and host, untouched.
    /// </summary>
    public static string WithPortToggled(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return url;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var authority = url[authorityStart..authorityEnd];
        var hostStart = authority.LastIndexOf('@') + 1;
        var portStart = authority.IndexOf(':', Math.Max(hostStart, authority.LastIndexOf(']') + 1));
        string toggled;
        if (portStart >= 0)
        {
            toggled = authority[..portStart];
        }
        else
        {
            var https = url[..schemeEnd].Equals("https", StringComparison.OrdinalIgnoreCase);
            toggled = authority + (https ? ":443" : ":80");
        }

        return url[..authorityStart] + toggled + url[authorityEnd..];
    }
}
