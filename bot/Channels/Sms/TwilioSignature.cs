using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace HarmReduction.Bot.Channels.Sms;

/// <summary>
/// <c>X-Twilio-Signature</c> for form-encoded webhooks: Base64(HMAC-SHA1(auth token, URL + every parameter's key and value,
/// keys in ordinal order)). Validation also tries the URL with the default port added or the explicit port removed,
/// because Twilio does not always sign the URL in the form it was configured.
/// </summary>
public static class TwilioSignature
{
    /// <summary>The signature Twilio sends for this URL and these POST parameters.</summary>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var data = new StringBuilder(url);
        foreach (var (key, values) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // A repeated key (never sent by the SMS webhook) signs each distinct value in order, as the official libraries do.
            foreach (var value in values.Select(v => v ?? string.Empty).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                data.Append(key).Append(value);
            }
        }

        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
        return Convert.ToBase64String(hash);
    }

    /// <summary>Whether <paramref name="signature"/> signs this request, compared in constant time.</summary>
    public static bool IsValid(string authToken, string? signature, string url, IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var received = Encoding.ASCII.GetBytes(signature);
        var parameterList = parameters.ToList();
        var valid = false;
        foreach (var candidate in new[] { url, WithPortToggled(url) }.Distinct(StringComparer.Ordinal))
        {
            var expected = Encoding.ASCII.GetBytes(Compute(authToken, candidate, parameterList));
            valid |= CryptographicOperations.FixedTimeEquals(expected, received);
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
