using Microsoft.AspNetCore.WebUtilities;

namespace HarmReduction.Bot.Channels.Sms;

/// <summary>
/// A webhook's form fields, parsed from a body already read within its limit. Twilio never repeats a field, so a
/// repeated one (which the signature would cover in a way the message reader does not) makes the request invalid.
/// </summary>
public static class TwilioForm
{
    public const int MaxFields = 100;

    /// <summary>The fields, or null when the form is malformed, repeats a field or has too many.</summary>
    public static async Task<IReadOnlyDictionary<string, string>?> ParseAsync(byte[] body)
    {
        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> parsed;
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = new FormReader(stream) { ValueCountLimit = MaxFields, KeyLengthLimit = 256, ValueLengthLimit = body.Length };
            parsed = await reader.ReadFormAsync();
        }
        catch (InvalidDataException)
        {
            return null;
        }

        if (parsed.Values.Any(v => v.Count != 1))
        {
            return null;
        }

        return parsed.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }
}
