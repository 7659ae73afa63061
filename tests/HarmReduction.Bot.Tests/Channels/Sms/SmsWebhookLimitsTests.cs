using System.Net;
using System.Text;

namespace HarmReduction.Bot.Tests.Channels.Sms;

/// <summary>/api/sms reads no more than a webhook needs before the signature is checked (review M5, I1).</summary>
public sealed class SmsWebhookLimitsTests(SignedSmsServer fixture) : IClassFixture<SignedSmsServer>
{
    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_with_413()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        using var content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes("Body=" + new string('a', 200 * 1024))));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_repeated_field_makes_a_signed_request_invalid()
    {
        var phone = fixture.NewPhone();
        var form = phone.Form("where can i get naloxone");
        var body = string.Join('&', form.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")) + "&From=%2B15550000000";
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, phone.Url) { Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Twilio-Signature", phone.Sign(phone.Url.ToString(), form));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_multipart_form_is_not_a_twilio_webhook()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        using var content = new MultipartFormDataContent { { new StringContent("hi"), "Body" } };

        using var response = await http.PostAsync("/api/sms", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
