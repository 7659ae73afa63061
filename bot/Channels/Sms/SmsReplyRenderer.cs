using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Answering;

namespace HarmReduction.Bot.Channels.Sms;

/// <summary>
/// Reply activities as the SMS texts that go out: plain text, typographic characters swapped for GSM-7 look-alikes so a
/// stray curly quote does not double the cost, and each text measured in the encoding it will travel in.
/// </summary>
public static class SmsReplyRenderer
{
    public static IReadOnlyList<SmsReply> Render(IEnumerable<Activity> replies) =>
        replies.Where(r => r.IsMessage && !string.IsNullOrWhiteSpace(r.Text))
            .Select(r =>
            {
                var text = r.TextFormat == TextFormats.Markdown ? MarkdownText.ToPlain(r.Text!) : r.Text!;
                text = SmsEncoding.ToGsmWherePossible(text.Trim());
                return new SmsReply(text, SmsEncoding.Measure(text));
            })
            .ToList();
}
