using System.Text.Json;
using HarmReduction.Bot.Channels.Sms;

namespace HarmReduction.Bot.Tests.Channels.Sms;

public sealed class TwilioSignatureTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static readonly Dictionary<string, string> VectorParams = new()
    {
        ["CallSid"] = "CA1234567890ABCDE", ["Caller"] = "+14158675309", ["Digits"] = "1234", ["From"] = "+14158675309", ["To"] = "+18005551212",
    };

    [Theory]
    [InlineData(Url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=")]
    [InlineData("https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=")]
    [InlineData("http://mycompany.com:80/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=")]
    public void Test_signer_matches_the_published_vectors(string url, string expected)
    {
        Assert.Equal(expected, TwilioSigner.Compute(Token, url, Params(VectorParams)));
    }

    [Theory]
    [InlineData(Url, "kvajT1Ptam85bY51eRf/AJRuM3w=")]
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=")]
    [InlineData("https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=")]
    public void Official_validator_accepts_a_signature_over_the_url_with_or_without_its_default_port(string requestUrl, string signature)
    {
        Assert.True(TwilioSignature.IsValid(Token, signature, requestUrl, Params(VectorParams)));
    }

    [Fact]
    public void Forged_missing_or_misdirected_signatures_are_refused()
    {
        var good = TwilioSigner.Compute(Token, Url, Params(VectorParams));
        var tampered = new Dictionary<string, string>(VectorParams) { ["Digits"] = "9999" };

        Assert.False(TwilioSignature.IsValid(Token, null, Url, Params(VectorParams)));
        Assert.False(TwilioSignature.IsValid(Token, string.Empty, Url, Params(VectorParams)));
        Assert.False(TwilioSignature.IsValid("other-token", good, Url, Params(VectorParams)));
        Assert.False(TwilioSignature.IsValid(Token, good, Url, Params(tampered)));
        Assert.False(TwilioSignature.IsValid(Token, good, "https://mycompany.com/myapp.php?foo=1&bar=3", Params(VectorParams)));
        Assert.False(TwilioSignature.IsValid(Token, good, "https://evil.example/myapp.php?foo=1&bar=2", Params(VectorParams)));
        Assert.False(TwilioSignature.IsValid(Token, good[..^2], Url, Params(VectorParams)));
    }

    [Theory]
    [InlineData("https://example.org/api/sms", "https://example.org:443/api/sms")]
    [InlineData("https://example.org:443/api/sms?x=1", "https://example.org/api/sms?x=1")]
    [InlineData("http://Example.org/api/sms", "http://Example.org:80/api/sms")]
    [InlineData("http://127.0.0.1:5000/api/sms", "http://127.0.0.1/api/sms")]
    [InlineData("https://user:pw@example.org/x", "https://user:pw@example.org:443/x")]
    [InlineData("https://[::1]:8443/x", "https://[::1]/x")]
    [InlineData("https://[::1]/x", "https://[::1]:443/x")]
    [InlineData("HTTPS://Example.ORG?a=b", "HTTPS://Example.ORG:443?a=b")]
    public void Port_variant_adds_the_default_port_or_removes_an_explicit_one(string url, string expected)
    {
        Assert.Equal(expected, TwilioSignature.WithPortToggled(url));
    }

    /// <summary>
    /// The published vectors plus webhook-shaped requests (Unicode, emoji, symbols, empty values, keys differing only in
    /// case, ports), each signed by the official npm library and by us; then signatures checked by its validator and ours
    /// across the port variants.
    /// </summary>
    [Fact]
    public async Task Signatures_agree_with_the_official_twilio_library()
    {
        var phone = new TwilioPhone(new Uri("http://127.0.0.1:5000/"), "unused", TwilioPhone.NewNumber());
        var signed = new List<(SignatureCase Case, string? Expected)>
        {
            (new(Token, Url, VectorParams), "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
            (new(Token, "https://mycompany.com:443/myapp.php?foo=1&bar=2", VectorParams), "kvajT1Ptam85bY51eRf/AJRuM3w="),
            (new(Token, "https://MyCompany.com/myapp.php?foo=1&bar=2", VectorParams), "g9IN/x4Cft2g517EjYvEvM/W7LU="),
            (new(Token, "http://mycompany.com:80/myapp.php?foo=1&bar=2", VectorParams), "0ZXoZLH/DfblKGATFgpif+LLRf4="),
            (new("f3a9c0e1d2b34a5f8e7d6c5b4a392817", "https://sms.example.org/api/sms", phone.Form("how do i use narcan?? it’s urgent — ¿dónde? 😟")), null),
            (new("f3a9c0e1d2b34a5f8e7d6c5b4a392817", "https://sms.example.org:8443/api/sms?source=twilio&x=%20y", phone.Form("a&b=c+d%20e <tag> \"q\" 'a' ñ 中文")), null),
            (new("token with spaces", "http://localhost:3978/api/sms", new() { ["Body"] = string.Empty, ["body"] = "x", ["a"] = "1", ["B"] = "2", ["_"] = "3", ["Z"] = "~" }), null),
        };
        var validated = new[]
        {
            new SignatureCase(Token, Url, VectorParams, "RSOYDt4T1cUTdK1PDd93/VVr8B8=", "https://mycompany.com:443/myapp.php?foo=1&bar=2"),
            new SignatureCase(Token, Url, VectorParams, "kvajT1Ptam85bY51eRf/AJRuM3w=", Url),
            new SignatureCase(Token, Url, VectorParams, "0ZXoZLH/DfblKGATFgpif+LLRf4=", Url),
            new SignatureCase(Token, Url, VectorParams, "forged+signature+xxxxxxxxx=", Url),
        };
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

        var results = await TwilioNode.RunAsync(JsonSerializer.Serialize(signed.Select(s => s.Case).Concat(validated), json), "vectors");

        for (var i = 0; i < signed.Count; i++)
        {
            var ((token, url, parameters, _, _), expected) = signed[i];
            var ours = TwilioSigner.Compute(token, url, Params(parameters));
            Assert.Equal(results[i].GetProperty("signature").GetString(), ours);
            Assert.True(results[i].GetProperty("valid").GetBoolean());
            if (expected is not null)
            {
                Assert.Equal(expected, ours);
            }
        }

        for (var i = 0; i < validated.Length; i++)
        {
            var theirs = results[signed.Count + i].GetProperty("valid").GetBoolean();
            Assert.Equal(theirs, TwilioSignature.IsValid(Token, validated[i].Signature, validated[i].ValidateUrl!, Params(VectorParams)));
        }

        Assert.Equal([true, true, false, false], Enumerable.Range(signed.Count, validated.Length).Select(i => results[i].GetProperty("valid").GetBoolean()));
    }

    private sealed record SignatureCase(string AuthToken, string Url, Dictionary<string, string> Params, string? Signature = null, string? ValidateUrl = null);

    private static IReadOnlyDictionary<string, string> Params(IReadOnlyDictionary<string, string> parameters) => parameters;
}
