using System.Net;
using System.Text;
using System.Text.Json;
using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Channels.Sms;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace HarmReduction.Bot.Tests.Channels.Sms;

/// <summary>The Twilio webhook over real HTTP, requests signed as Twilio signs them.</summary>
public sealed class SmsWebhookTests(SignedSmsServer fixture) : IClassFixture<SignedSmsServer>
{
    private const string MorePrompt = "(Reply MORE for the rest)";

    [Fact]
    public async Task Signed_webhook_gets_a_twiml_answer()
    {
        var response = await fixture.NewPhone().SendAsync("where can i get naloxone");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("text/xml; charset=utf-8", response.ContentType);
        Assert.StartsWith("""<?xml version="1.0" encoding="utf-8"?><Response><Message>""", response.Body, StringComparison.Ordinal);
        var message = Assert.Single(response.Messages);
        Assert.Contains("naloxone", message, StringComparison.OrdinalIgnoreCase);
        Assert.True(SmsEncoding.Fits(message, 3), message);
    }

    [Fact]
    public async Task Forged_missing_and_misdirected_signatures_are_refused_with_403_and_no_turn()
    {
        var phone = fixture.NewPhone();
        var form = phone.Form("where can i get naloxone");
        var tampered = new Dictionary<string, string>(form) { ["Body"] = "something else" };
        var otherHost = new UriBuilder(phone.Url) { Host = "attacker.example" }.Uri.ToString();

        var attempts = new[]
        {
            await phone.PostAsync(form, signature: Convert.ToBase64String(new byte[20])),
            await phone.PostAsync(form, sign: false),
            await phone.PostAsync(form, signature: string.Empty),
            await phone.PostAsync(form, signedUrl: otherHost),
            await phone.PostAsync(form, signedUrl: phone.Url + "?x=1"),
            await phone.PostAsync(form, signature: new TwilioPhone(fixture.Server.BaseAddress, "another-token", phone.Number).Sign(phone.Url.ToString(), form)),
            await phone.PostAsync(tampered, signature: phone.Sign(phone.Url.ToString(), form)),
        };

        Assert.All(attempts, a => Assert.Equal(HttpStatusCode.Forbidden, a.Status));
        Assert.All(attempts, a => Assert.Equal(string.Empty, a.Body));
        Assert.Null(await fixture.StateOfAsync(phone.Number));
        Assert.Contains(fixture.Server.Logs.Lines, l => l.Contains("Refused a request to /api/sms: missing X-Twilio-Signature", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_signed_by_the_official_twilio_library_is_answered()
    {
        var phone = fixture.NewPhone();
        var url = phone.Url + "?source=twilio";

        var result = await TwilioNode.RunAsync(JsonSerializer.Serialize(phone.Form("what are fentanyl test strips")), "post", url, SignedSmsServer.AuthToken);

        Assert.Equal(200, result.GetProperty("status").GetInt32());
        Assert.StartsWith("text/xml", result.GetProperty("contentType").GetString(), StringComparison.Ordinal);
        var reply = new SmsResponse(HttpStatusCode.OK, null, result.GetProperty("body").GetString()!);
        Assert.Contains("strip", Assert.Single(reply.Messages), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Full_conversation_with_a_numbered_follow_up()
    {
        var phone = fixture.NewPhone();

        var answer = await phone.SendAsync("how do i use naloxone nasal spray");
        var text = Assert.Single(answer.Messages);
        Assert.Contains("Reply a number for more:", text, StringComparison.Ordinal);
        var options = text.Split('\n').Where(l => l.Length > 3 && char.IsDigit(l[0]) && l[1] == ')').ToList();
        Assert.True(options.Count >= 2, text);
        var title = options[1][3..];

        var followUp = await phone.SendAsync("2");

        var knowledge = fixture.Server.Services.GetRequiredService<KnowledgeProvider>().Current.Knowledge;
        var entry = knowledge.Entries.First(e => e.Lang == "en" && e.Title == title);
        var expected = SmsEncoding.ToGsmWherePossible(fixture.Server.Services.GetRequiredService<AnswerComposer>().Fill(entry.SmsAnswer, "en"));
        Assert.StartsWith(expected[..Math.Min(60, expected.Length)], Assert.Single(followUp.Messages), StringComparison.Ordinal);
        Assert.Equal(2, (await fixture.StateOfAsync(phone.Number))!.TurnCount);
    }

    [Fact]
    public async Task A_reply_over_the_budget_is_split_and_more_delivers_the_rest()
    {
        var phone = fixture.NewPhone();
        await phone.SendAsync("how do i use naloxone nasal spray");

        var pages = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var page = Assert.Single((await phone.SendAsync("MORE")).Messages);
            pages.Add(page);
            Assert.True(SmsEncoding.Measure(page).Segments <= 3, $"page {i + 1} is {SmsEncoding.Measure(page)}: {page}");
            Assert.DoesNotMatch(@"(^|\n)\d+\.\s*(\n|$)", page.Replace(MorePrompt, string.Empty, StringComparison.Ordinal));
            if (!page.EndsWith(MorePrompt, StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.True(pages.Count >= 2, "the fuller answer should need more than one page of three segments");
        Assert.All(pages[..^1], p => Assert.EndsWith(MorePrompt, p, StringComparison.Ordinal));
        Assert.Contains("Sources:", pages[^1], StringComparison.Ordinal);
        var done = Assert.Single((await phone.SendAsync("more")).Messages);
        Assert.StartsWith("That's all I have on that.", done, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_then_a_question_gets_an_empty_response_until_start()
    {
        var phone = fixture.NewPhone();
        await phone.SendAsync("where can i get naloxone");

        var stop = await phone.SendAsync("Stop");
        var question = await phone.SendAsync("where can i get naloxone");
        var start = await phone.SendAsync("START");
        var again = await phone.SendAsync("where can i get naloxone");

        Assert.Contains("opted out", Assert.Single(stop.Messages), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, question.Status);
        Assert.Equal(Twiml.Empty, question.Body);
        Assert.Contains("opted in", Assert.Single(start.Messages), StringComparison.Ordinal);
        Assert.Contains("naloxone", Assert.Single(again.Messages), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Help_names_the_service_and_how_to_stop()
    {
        var help = Assert.Single((await fixture.NewPhone().SendAsync("help")).Messages);

        Assert.Contains("HarmReduction.Bot", help, StringComparison.Ordinal);
        Assert.Contains("Reply STOP to opt out", help, StringComparison.Ordinal);
        Assert.Contains("call 911", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_gets_the_same_reply_and_one_turn()
    {
        var phone = fixture.NewPhone();
        var sid = TwilioPhone.NewMessageSid();
        await phone.SendAsync("how do i use naloxone nasal spray");

        var first = await phone.SendAsync("MORE", sid);
        var retry = await phone.SendAsync("MORE", sid);
        var concurrent = await Task.WhenAll(phone.SendAsync("1", "SM-concurrent-" + sid), phone.SendAsync("1", "SM-concurrent-" + sid));

        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(first.Body, retry.Body);
        Assert.Equal(concurrent[0].Body, concurrent[1].Body);
        Assert.Equal(3, (await fixture.StateOfAsync(phone.Number))!.TurnCount);
    }

    [Fact]
    public async Task Logs_and_the_state_store_never_hold_the_number_the_text_or_the_location()
    {
        var phone = fixture.NewPhone();
        const string question = "how long does fentanyl stay in my system";
        foreach (var text in new[] { "hi", question, "1", "MORE", "help", "STOP", question, "START" })
        {
            Assert.Equal(HttpStatusCode.OK, (await phone.SendAsync(text)).Status);
        }

        var digits = phone.Number.TrimStart('+');
        var logs = fixture.Server.Logs.All;
        var store = ((MemoryStorage)fixture.Server.Services.GetRequiredService<IStorage>()).Snapshot().Select(b => Encoding.UTF8.GetString(b)).ToList();
        Assert.NotEmpty(store);
        Assert.Contains("Turn on twilio-sms", logs, StringComparison.Ordinal);
        foreach (var secret in new[] { digits, digits[1..], question }.Concat(TwilioPhone.Location.Values.Where(v => v.Length > 2)))
        {
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
            Assert.All(store, item => Assert.DoesNotContain(secret, item, StringComparison.OrdinalIgnoreCase));
        }
    }
}
