using System.Security.Cryptography;
using System.Text;

namespace HarmReduction.Bot.Tests.Channels.Sms;

/// <summary>
/// What Twilio sends as <c>X-Twilio-Signature</c>: Base64(HMAC-SHA1(auth token, URL + each parameter's key and value,
/// keys in ordinal order)). The official library only validates, so the tests sign with this, and check it against the
/// published vectors and the official npm library.
/// </summary>
internal static class TwilioSigner
{
    public static string Compute(string authToken, string url, IReadOnlyDictionary<string, string> parameters)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
