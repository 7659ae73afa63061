using System.Xml.Linq;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Channels.Sms;

namespace HarmReduction.Bot.Tests.Channels.Sms;

public sealed class TwimlTests
{
    [Fact]
    public void No_reply_is_an_empty_response()
    {
        // The official library writes the empty response as <Response></Response>, declared utf-8 (ours wrote <Response/>, UTF-8).
        Assert.Equal("""<?xml version="1.0" encoding="utf-8"?><Response></Response>""", Twiml.Messages([]));
        Assert.Equal(Twiml.Empty, Twiml.Messages([]));
        Assert.Empty(XDocument.Parse(Twiml.Empty).Root!.Elements());
    }

    [Fact]
    public void Each_reply_is_one_message_with_its_text_escaped()
    {
        var twiml = Twiml.Messages(["Fentanyl & xylazine: <not> \"safe\"\n1) More", "second"]);

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Response><Message>Fentanyl &amp; xylazine: &lt;not&gt; \"safe\"\n1) More</Message><Message>second</Message></Response>",
            twiml);
        var messages = XDocument.Parse(twiml).Root!.Elements("Message").Select(m => m.Value).ToList();
        Assert.Equal(["Fentanyl & xylazine: <not> \"safe\"\n1) More", "second"], messages);
    }

    [Fact]
    public void Characters_xml_cannot_carry_are_dropped_and_emoji_kept()
    {
        var twiml = Twiml.Messages(["a\u0000b\u0007c\fd\r\ne\rf 💊 \uD800g"]);

        Assert.Equal("a" + "bcd\ne\nf 💊 g", XDocument.Parse(twiml).Root!.Element("Message")!.Value);
    }

    [Fact]
    public void Replies_are_rendered_plain_and_smart_encoded_into_gsm7()
    {
        var replies = SmsReplyRenderer.Render(
        [
            Activity.CreateMessage("It’s “safer” — not safe… Call 911.", TextFormats.Plain),
            Activity.CreateMessage("**Bold** and [a link](https://example.org)", TextFormats.Markdown),
            Activity.CreateMessage("   ", TextFormats.Plain),
            new Activity { Type = ActivityTypes.Typing },
        ]);

        Assert.Equal(2, replies.Count);
        Assert.Equal("It's \"safer\" - not safe... Call 911.", replies[0].Text);
        Assert.Equal(SmsCharset.Gsm7, replies[0].Length.Charset);
        Assert.DoesNotContain("**", replies[1].Text);
    }

    [Fact]
    public void An_emoji_makes_the_whole_reply_count_as_ucs2()
    {
        var text = new string('a', 100);

        var plain = SmsReplyRenderer.Render([Activity.CreateMessage(text, TextFormats.Plain)]).Single();
        var withEmoji = SmsReplyRenderer.Render([Activity.CreateMessage(text + " 💊", TextFormats.Plain)]).Single();

        Assert.Equal(new SmsLength(SmsCharset.Gsm7, 100, 1), plain.Length);
        Assert.Equal(new SmsLength(SmsCharset.Ucs2, 103, 2), withEmoji.Length);
    }
}
