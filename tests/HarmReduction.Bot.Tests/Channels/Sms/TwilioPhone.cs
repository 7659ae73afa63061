using HarmReduction.Bot.Channels.Sms;

namespace HarmReduction.Bot.Tests.Channels.Sms;

/// <summary>
/// Plays Twilio for one phone: posts the inbound-message webhook form (with the carrier's location guesses, as Twilio
/// does) to <c>/api/sms</c>, signed with the auth token, and reads the TwiML back.
/// </summary>
internal sealed class TwilioPhone(Uri baseAddress, string? authToken, string number)
{
    public const string BotNumber = "+15005550006";

    public static readonly IReadOnlyDictionary<string, string> Location = new Dictionary<string, string>
    {
        ["FromCity"] = "KALAMAZOO", ["FromState"] = "MI", ["FromZip"] = "49007", ["FromCountry"] = "US",
        ["ToCity"] = "SAN FRANCISCO", ["ToState"] = "CA", ["ToZip"] = "94105", ["ToCountry"] = "US",
    };

    public string Number { get; } = number;

    /// <summary>Twilio gives a webhook 15 seconds, then gives up.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    public Uri Url { get; init; } = new(baseAddress, SmsEndpoints.Path);

    /// <summary>A fresh phone number (E.164, US), so each test has its own conversation.</summary>
    public static string NewNumber() => "+1" + Random.Shared.NextInt64(2_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string NewMessageSid() => "SM" + Guid.NewGuid().ToString("N");

    public Dictionary<string, string> Form(string body, string? messageSid = null)
    {
        var sid = messageSid ?? NewMessageSid();
        var form = new Dictionary<string, string>
        {
            ["ToCountry"] = "US", ["ToState"] = "CA", ["SmsMessageSid"] = sid, ["NumMedia"] = "0", ["ToCity"] = "SAN FRANCISCO",
            ["FromZip"] = "49007", ["SmsSid"] = sid, ["FromState"] = "MI", ["SmsStatus"] = "received", ["FromCity"] = "KALAMAZOO",
            ["Body"] = body, ["FromCountry"] = "US", ["To"] = BotNumber, ["ToZip"] = "94105", ["NumSegments"] = "1",
            ["MessageSid"] = sid, ["AccountSid"] = "AC" + new string('0', 32), ["From"] = Number, ["ApiVersion"] = "2010-04-01",
        };
        return form;
    }

    public Task<SmsResponse> SendAsync(string body, string? messageSid = null) => PostAsync(Form(body, messageSid));

    public async Task<SmsResponse> PostAsync(IReadOnlyDictionary<string, string> form, string? signature = null, bool sign = true, string? signedUrl = null)
    {
        using var http = new HttpClient { Timeout = Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new FormUrlEncodedContent(form) };
        if (sign)
        {
            signature ??= Sign(signedUrl ?? Url.ToString(), form);
            request.Headers.Add("X-Twilio-Signature", signature);
        }

        using var response = await http.SendAsync(request);
        return new SmsResponse(response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }

    public string Sign(string url, IReadOnlyDictionary<string, string> form) =>
        TwilioSigner.Compute(authToken ?? "unset", url, form);
}
