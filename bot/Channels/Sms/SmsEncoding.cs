using System.Text;

namespace HarmReduction.Bot.Channels.Sms;

/// <summary>
/// GSM 03.38 arithmetic: which characters fit the 7-bit alphabet, how many segments a text costs,
/// and the look-alike replacements that keep a text in GSM-7 (curly quotes, dashes, ellipsis...).
/// </summary>
public static class SmsEncoding
{
    public const int GsmSingle = 160;
    public const int GsmPerSegment = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2PerSegment = 67;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";

    private static readonly HashSet<char> BasicSet = [.. Basic];
    private static readonly HashSet<char> ExtensionSet = [.. Extension];

    private static readonly Dictionary<char, string> LookAlikes = new()
    {
        ['\u2018'] = "'", ['\u2019'] = "'", ['\u201A'] = "'", ['\u201B'] = "'", ['\u2032'] = "'",
        ['\u201C'] = "\"", ['\u201D'] = "\"", ['\u201E'] = "\"", ['\u2033'] = "\"", ['\u00AB'] = "\"", ['\u00BB'] = "\"",
        ['\u2010'] = "-", ['\u2011'] = "-", ['\u2012'] = "-", ['\u2013'] = "-", ['\u2014'] = "-", ['\u2015'] = "-", ['\u2212'] = "-",
        ['\u2026'] = "...", ['\u00A0'] = " ", ['\u2002'] = " ", ['\u2003'] = " ", ['\u2009'] = " ", ['\u200B'] = string.Empty,
        ['\u2022'] = "-", ['\u00B7'] = "-", ['\t'] = " ",
        ['\u00E1'] = "a", ['\u00ED'] = "i", ['\u00F3'] = "o", ['\u00FA'] = "u", ['\u00C1'] = "A", ['\u00CD'] = "I", ['\u00D3'] = "O", ['\u00DA'] = "U",
        ['\u00EA'] = "e", ['\u00E2'] = "a", ['\u00F4'] = "o", ['\u00E7'] = "c", ['\u00EB'] = "e", ['\u00EF'] = "i",
    };

    public static bool IsGsm(char c) => BasicSet.Contains(c) || ExtensionSet.Contains(c);

    public static bool IsGsm(string text) => text.All(IsGsm);

    /// <summary>Replaces typographic characters with GSM-7 look-alikes (what Twilio calls Smart Encoding).</summary>
    public static string ToGsmWherePossible(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsGsm(c) && LookAlikes.TryGetValue(c, out var replacement))
            {
                builder.Append(replacement);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>How long the text is in its encoding's units: septets for GSM-7 (extension characters cost 2), UTF-16 code units for UCS-2.</summary>
    public static SmsLength Measure(string text)
    {
        if (IsGsm(text))
        {
            var units = text.Sum(c => ExtensionSet.Contains(c) ? 2 : 1);
            return new SmsLength(SmsCharset.Gsm7, units, Segments(units, GsmSingle, GsmPerSegment));
        }

        return new SmsLength(SmsCharset.Ucs2, text.Length, Segments(text.Length, Ucs2Single, Ucs2PerSegment));
    }

    /// <summary>The most units that fit in <paramref name="segments"/> segments of this charset.</summary>
    public static int Capacity(SmsCharset charset, int segments) => (charset, segments) switch
    {
        (_, <= 0) => 0,
        (SmsCharset.Gsm7, 1) => GsmSingle,
        (SmsCharset.Gsm7, _) => GsmPerSegment * segments,
        (SmsCharset.Ucs2, 1) => Ucs2Single,
        _ => Ucs2PerSegment * segments,
    };

    /// <summary>Whether the text fits in <paramref name="segments"/> segments.</summary>
    public static bool Fits(string text, int segments) => Measure(text).Segments <= segments;

    private static int Segments(int units, int single, int perSegment) =>
        units == 0 ? 1 : units <= single ? 1 : (units + perSegment - 1) / perSegment;
}

public enum SmsCharset
{
    Gsm7,
    Ucs2,
}

public sealed record SmsLength(SmsCharset Charset, int Units, int Segments);
