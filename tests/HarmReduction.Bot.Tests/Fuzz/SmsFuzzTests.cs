using System.Net;
using System.Text;
using FsCheck.Fluent;
using HarmReduction.Bot.Channels.Sms;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Tests.Channels.Sms;

namespace HarmReduction.Bot.Tests.Fuzz;

/// <summary>The SMS form and signature path fed generated input: no unhandled exception, and never a 5xx.</summary>
[Trait("Category", "Fuzz")]
public sealed class SmsFuzzTests(SignedSmsServer fixture) : IClassFixture<SignedSmsServer>
{
    private static readonly FsCheck.Gen<string> Forms = FuzzInputs.TextFrom(
        "Body", "From", "To", "MessageSid", "SmsSid", "NumMedia", "OptOutType", "=", "&", "&&", "==", "%", "%2", "%ZZ", "%00", "%0A",
        "%EF%BF%BE", "%ED%A0%80", "%F0%9F%92%8A", "%C3", "+", "%2B1555", "STOP", "START", "HELP", "99999999999999999999");

    private static readonly FsCheck.Gen<string> Urls = FsCheck.Fluent.Gen.Elements(
        "https://sms.example.org/api/sms", "http://127.0.0.1:5000/api/sms?x=1", "https://[::1]:8443/x", "https://a:99999/x", "http://[::1",
        "not a url", "", "https://", "HTTPS://Example.ORG?a=b", "https://user:pw@example.org/x", "https://example.org/%ZZ", "ftp://x/y");

    [Fact]
    public async Task Generated_forms_urls_and_signatures_never_throw()
    {
        var count = FuzzInputs.Runs(quick: 500);
        var cases = FuzzInputs.Sample(Forms, count).Zip(FuzzInputs.Sample(Urls, count), FuzzInputs.Sample(FuzzInputs.Bytes(), count));
        foreach (var (text, url, raw) in cases)
        {
            foreach (var body in new[] { FuzzInputs.Utf8(text), raw })
            {
                try
                {
                    if (await TwilioForm.ParseAsync(body) is not { } form)
                    {
                        continue;
                    }

                    TwilioSignature.IsValid(SignedSmsServer.AuthToken, Convert.ToBase64String(body.Take(20).ToArray()), url, form);
                    TwilioSignature.IsValid(SignedSmsServer.AuthToken, TwilioSigner.Compute(SignedSmsServer.AuthToken, url, form), url, form);
                    if (TwilioMessage.FromFields(form) is { } message)
                    {
                        Twiml.Messages([message.Body, MessageNormalizationMiddleware.Normalize(message.Body)]);
                        SmsKeywords.Recognize(message.Body);
                    }
                }
                catch (Exception e)
                {
                    Assert.Fail($"{e.GetType().Name} on body {Convert.ToBase64String(body)} url '{url}': {e.Message}");
                }
            }
        }
    }

    [Fact]
    public async Task Generated_webhook_posts_never_get_a_server_error()
    {
        var phone = fixture.NewPhone();
        using var http = new HttpClient();
        foreach (var text in FuzzInputs.Sample(Forms, FuzzInputs.Runs(quick: 40) / 4 + 10))
        {
            // Half signed as Twilio would sign the fields it sends (so they reach the engine), half raw.
            var form = phone.Form(text);
            var signed = await phone.PostAsync(form);
            using var raw = new HttpRequestMessage(HttpMethod.Post, phone.Url) { Content = new ByteArrayContent(FuzzInputs.Utf8(text)) };
            raw.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
            raw.Headers.Add("X-Twilio-Signature", "x");
            using var rawResponse = await http.SendAsync(raw);

            Assert.True(signed.Status == HttpStatusCode.OK, $"{signed.Status} for Body {Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}");
            Assert.True((int)rawResponse.StatusCode < 500, $"{rawResponse.StatusCode} for {Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}");
        }
    }
}
