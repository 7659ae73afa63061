using System.Net;
using HarmReduction.Bot.Channels.Sms;
using HarmReduction.Bot.Tests.Harness;
using HarmReduction.Bot.Tests.Knowledge;

namespace HarmReduction.Bot.Tests.Channels.Sms;

/// <summary>How <c>/api/sms</c> behaves under each configuration: one server per case.</summary>
public sealed class SmsEndpointSettingsTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Without_an_auth_token_production_keeps_sms_off_and_says_so()
    {
        using var server = new BotServer();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var phone = new TwilioPhone(server.BaseAddress, null, TwilioPhone.NewNumber());

        var sms = await phone.PostAsync(phone.Form("where can i get naloxone"), sign: false);
        var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, sms.Status);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(server.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("SMS is off: Sms:Twilio:AuthToken is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_auth_token_development_accepts_unsigned_requests_and_warns()
    {
        using var server = new BotServer(environment: "Development");
        var phone = new TwilioPhone(server.BaseAddress, null, TwilioPhone.NewNumber());

        var response = await phone.PostAsync(new Dictionary<string, string> { ["MessageSid"] = "SM1", ["From"] = "+15551234567", ["Body"] = "where can i get naloxone" }, sign: false);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("naloxone", Assert.Single(response.Messages), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(server.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("accepts UNSIGNED requests", StringComparison.Ordinal));
        Assert.Contains(server.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Privacy:HashKey is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Behind_a_proxy_the_configured_public_url_is_what_must_be_signed()
    {
        const string publicUrl = "https://sms.example.org/hooks/sms";
        using var server = new BotServer(new Dictionary<string, string?> { ["Sms:Twilio:AuthToken"] = Token, ["Sms:Twilio:WebhookUrl"] = publicUrl });
        var phone = new TwilioPhone(server.BaseAddress, Token, TwilioPhone.NewNumber());
        var form = phone.Form("where can i get naloxone");

        var signedForPublic = await phone.PostAsync(form, signedUrl: publicUrl);
        var signedWithPort = await phone.PostAsync(form, signedUrl: "https://sms.example.org:443/hooks/sms");
        var signedForLocal = await phone.PostAsync(form);

        Assert.Equal(HttpStatusCode.OK, signedForPublic.Status);
        Assert.Equal(signedForPublic.Body, signedWithPort.Body);
        Assert.Equal(HttpStatusCode.Forbidden, signedForLocal.Status);
    }

    [Theory]
    [InlineData("00:00:08")]
    [InlineData("00:00:00.001")]
    public async Task When_the_engine_cannot_answer_in_time_an_emergency_still_gets_its_reply(string timeout)
    {
        // A state store that does not answer: the turn either fails or outlasts the reply timeout.
        using var server = new BotServer(new Dictionary<string, string?>
        {
            ["Sms:Twilio:AuthToken"] = Token,
            ["Sms:Twilio:ReplyTimeout"] = timeout,
            ["State:Provider"] = "Redis",
            ["State:Redis:Configuration"] = "127.0.0.1:1,connectTimeout=200,asyncTimeout=300,syncTimeout=300,connectRetry=0",
        });
        var phone = new TwilioPhone(server.BaseAddress, Token, TwilioPhone.NewNumber());

        var emergency = await phone.SendAsync("my friend took something and won't wake up");
        var question = await phone.SendAsync("where can i get naloxone");

        Assert.Equal(HttpStatusCode.OK, emergency.Status);
        Assert.Contains("naloxone", emergency.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("can't answer right now", emergency.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, question.Status);
        Assert.Empty(question.Messages);
    }

    [Fact]
    public async Task An_emoji_forces_ucs2_counting_so_the_reply_is_paged()
    {
        // Two answers of the same length; one emoji turns the second into UCS-2 (70 per segment instead of 160).
        const string plain = "Carry naloxone and keep it where friends can find it, at room temperature, away from sun. Check the date once in a while.";
        using var knowledge = new KnowledgeFolderBuilder()
            .With("en/kit.yaml", Entry("naloxone-storage", "Keeping naloxone", ["where should i keep naloxone", "how do i store narcan", "naloxone storage"], plain)
                + Entry("naloxone-sharing", "Sharing naloxone", ["can i share naloxone with friends", "give narcan to a friend", "naloxone for my friends"], "Share it: " + plain[10..] + " 💊"));
        using var server = new BotServer(
            new Dictionary<string, string?> { ["Knowledge:Path"] = knowledge.Root, ["Sms:MaxSegments"] = "1", ["Sms:Twilio:AuthToken"] = Token });
        var phone = new TwilioPhone(server.BaseAddress, Token, TwilioPhone.NewNumber());

        var gsm = Assert.Single((await phone.SendAsync("where should i keep naloxone")).Messages);
        var ucs2 = Assert.Single((await phone.SendAsync("can i share naloxone with friends")).Messages);
        var rest = Assert.Single((await phone.SendAsync("more")).Messages);

        Assert.Equal(plain, gsm);
        Assert.Equal(new SmsLength(SmsCharset.Gsm7, plain.Length, 1), SmsEncoding.Measure(gsm));
        Assert.StartsWith("Share it:", ucs2, StringComparison.Ordinal);
        Assert.EndsWith("text for more-prompt", ucs2, StringComparison.Ordinal);
        Assert.Equal(1, SmsEncoding.Measure(ucs2).Segments);
        Assert.EndsWith("💊", rest, StringComparison.Ordinal);
        Assert.Equal(SmsCharset.Ucs2, SmsEncoding.Measure(rest).Charset);
    }

    private static string Entry(string id, string title, string[] questions, string sms) => $"""
        - id: {id}
          title: {title}
          topic: naloxone
          lang: en
          questions:
            - {questions[0]}
            - {questions[1]}
            - {questions[2]}
          answer:
            sms: "{sms}"
            web: "{sms}"
          sources:
            - title: "CDC: Lifesaving Naloxone"
              url: https://www.cdc.gov/stop-overdose/caring/naloxone.html
          reviewed: 2026-11-01

        """;
}
