using System.Net;
using HarmReduction.Bot.Tests.Channels.DirectLine;
using HarmReduction.Bot.Tests.Channels.Sms;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// The clinical review's critical situations, sent as people send them, through the real server: web chat over Direct
/// Line and SMS over the signed Twilio webhook, each answered with its own emergency reply and never as a question.
/// </summary>
public sealed class CriticalSituationsOverChannelsTests : IClassFixture<CriticalSituationsOverChannelsTests.Server>
{
    private readonly Server _server;

    public CriticalSituationsOverChannelsTests(Server server) => _server = server;

    public static TheoryData<string, string[]> Situations => new()
    {
        // An overdose taken on purpose: 911 first, then the crisis line.
        { "i took 10 xanax to end it", ["Call 911", "988"] },
        // A child who put an opioid in his mouth: naloxone is safe for kids, Poison Control, do not wait for signs.
        { "my kid found my fentanyl and put it in his mouth", ["Call 911", "naloxone", "Poison Control"] },
        // Cardiac arrest: chest compressions, not only naloxone.
        { "he is gasping and has no pulse", ["Call 911", "chest"] },
        // Someone else high on meth, hearing voices that tell him to cut himself: the stimulant emergency, then the crisis
        // reply written for someone looking out for another person.
        { "grandson locked in the bathroom with a knife says the voices tell him to cut himself. been on meth for days", ["Call 911", "somewhere cool", "looking out for them"] },
    };

    [Theory]
    [MemberData(nameof(Situations))]
    public async Task Web_chat_gets_the_situations_own_emergency_reply(string message, string[] expected)
    {
        using var client = new DirectLineHttp(_server.Bot.BaseAddress);
        var (conversationId, token, _) = await client.StartAsync();

        await client.PostMessageAsync(conversationId, token, message);
        var markdown = string.Join("\n", (await client.GetActivitiesAsync(conversationId, token)).GetProperty("activities").EnumerateArray()
            .Where(a => a.GetProperty("from").GetProperty("role").GetString() == "bot" && a.GetProperty("type").GetString() == "message")
            .Select(a => a.GetProperty("text").GetString()));
        // On the web, numbers are tap-to-call links: "[911](tel:911)".
        Assert.Contains("](tel:911)", markdown, StringComparison.Ordinal);
        var replies = System.Text.RegularExpressions.Regex.Replace(markdown, @"\[([^\]]+)\]\(tel:[^)]+\)", "$1");

        foreach (var phrase in expected)
        {
            Assert.Contains(phrase, replies, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("Did you mean", replies, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Situations))]
    public async Task A_text_gets_the_situations_own_emergency_reply(string message, string[] expected)
    {
        var phone = new TwilioPhone(_server.Bot.BaseAddress, SignedSmsServer.AuthToken, TwilioPhone.NewNumber()) { Timeout = TimeSpan.FromSeconds(30) };

        var reply = await phone.SendAsync(message);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        foreach (var phrase in expected)
        {
            Assert.Contains(phrase, reply.Text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("Did you mean", reply.Text, StringComparison.Ordinal);
    }

    /// <summary>One server with both channels for the whole class: the semantic layer loads once.</summary>
    public sealed class Server : IDisposable
    {
        public BotServer Bot { get; } = new(new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = DirectLineServer.Secret,
            ["Sms:Twilio:AuthToken"] = SignedSmsServer.AuthToken,
            ["Privacy:HashKey"] = "test-hash-key-that-is-long-enough-0002",
            ["WebChat:TokensPerMinute"] = "1000",
        });

        public void Dispose() => Bot.Dispose();
    }
}
