namespace HarmReduction.Bot.Channels.Sms;

/// <summary>The carrier keywords every SMS number must honour, matched the way Twilio matches them.</summary>
public static class SmsKeywords
{
    private static readonly Dictionary<string, SmsKeyword> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["STOP"] = SmsKeyword.OptOut, ["STOPALL"] = SmsKeyword.OptOut, ["UNSUBSCRIBE"] = SmsKeyword.OptOut, ["CANCEL"] = SmsKeyword.OptOut,
        ["END"] = SmsKeyword.OptOut, ["QUIT"] = SmsKeyword.OptOut, ["REVOKE"] = SmsKeyword.OptOut, ["OPTOUT"] = SmsKeyword.OptOut,
        ["START"] = SmsKeyword.OptIn, ["YES"] = SmsKeyword.OptIn, ["UNSTOP"] = SmsKeyword.OptIn,
        ["HELP"] = SmsKeyword.Help, ["INFO"] = SmsKeyword.Help,
    };

    /// <summary>
    /// The keyword the whole message is, if any: one word, any case, with surrounding whitespace and punctuation ignored
    /// ("Stop." and " stop! " count; "stop please" does not).
    /// </summary>
    public static SmsKeyword Recognize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return SmsKeyword.None;
        }

        var word = text.AsSpan();
        var start = 0;
        var end = word.Length;
        while (start < end && !char.IsLetterOrDigit(word[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetterOrDigit(word[end - 1]))
        {
            end--;
        }

        word = word[start..end];
        var lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(word, out var keyword) ? keyword : SmsKeyword.None;
    }

    /// <summary>What Twilio's Advanced Opt-Out reports in <c>OptOutType</c> when it matched a keyword of its own (any language).</summary>
    public static SmsKeyword FromOptOutType(string? optOutType) => optOutType?.Trim().ToUpperInvariant() switch
    {
        "STOP" => SmsKeyword.OptOut,
        "START" => SmsKeyword.OptIn,
        "HELP" => SmsKeyword.Help,
        _ => SmsKeyword.None,
    };
}
