using System.Globalization;
using System.Text;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Channels.Sms;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Knowledge;

namespace HarmReduction.Bot.Staff;

/// <summary>
/// An entry's reply exactly as a channel sends it, before publishing. On SMS: each message with its segments, encoding
/// and the characters replaced to stay in GSM-7, the follow-up menu, what each MORE brings, and a warning when the answer
/// and its menu need more than <c>Sms:MaxSegments</c>. On the web: the markdown and the buttons.
/// </summary>
public static class ReplyPreview
{
    /// <summary>More than any answer needs; a longer chain means MORE never runs out.</summary>
    private const int MaxMorePresses = 12;

    public static async Task<PreviewResult> CreateAsync(KnowledgeBase knowledge, KnowledgeEntry entry, AnswerComposer composer, string channel, int maxSegments, CancellationToken cancellationToken)
    {
        if (channel == "web")
        {
            var web = await SendEntryAsync(knowledge, entry, composer, ChannelProfile.Web("preview"), cancellationToken);
            var reply = web.Replies[0];
            return new PreviewResult(entry, "web", maxSegments, [], FollowUps(knowledge, entry), [], reply.Text, reply.SuggestedActions?.Actions.Select(a => a.Title ?? string.Empty).ToList() ?? []);
        }

        var profile = ChannelProfile.Sms("preview", maxSegments);
        var first = await SendEntryAsync(knowledge, entry, composer, profile, cancellationToken);
        var messages = Messages("reply", first.Replies).ToList();
        var state = first.State;
        for (var press = 1; press <= MaxMorePresses; press++)
        {
            var more = Context(entry, profile, state);
            if (!await composer.SendMoreAsync(more, knowledge, cancellationToken))
            {
                break;
            }

            messages.AddRange(Messages($"MORE {press}", more.Replies));
        }

        var warnings = new List<string>();
        var whole = await SendEntryAsync(knowledge, entry, composer, ChannelProfile.Sms("preview", 10), cancellationToken);
        var needed = SmsReplyRenderer.Render(whole.Replies).Sum(r => r.Length.Segments);
        if (needed > maxSegments)
        {
            warnings.Add($"the answer and its follow-up menu need {needed} segments, more than Sms:MaxSegments ({maxSegments}): the first reply stops at {maxSegments} and the rest (the menu too) waits behind \"Reply MORE\"; shorten answer.sms");
        }

        foreach (var message in messages.Where(m => m.Charset == "UCS-2"))
        {
            warnings.Add($"{message.Step} is sent as UCS-2 (67 characters a segment instead of 153) because of {string.Join(", ", message.ForcesUcs2.Select(c => $"'{c}' (U+{(int)c:X4})"))}");
        }

        return new PreviewResult(entry, "sms", maxSegments, messages, FollowUps(knowledge, entry), warnings, null, []);
    }

    private static IEnumerable<PreviewMessage> Messages(string step, IReadOnlyList<Activity> replies)
    {
        var sent = replies.Where(r => r.IsMessage && !string.IsNullOrWhiteSpace(r.Text)).ToList();
        var rendered = SmsReplyRenderer.Render(sent);
        for (var i = 0; i < rendered.Count; i++)
        {
            var original = sent[i].Text!;
            var replaced = original.Where(c => !SmsEncoding.IsGsm(c))
                .Select(c => (From: c, To: SmsEncoding.ToGsmWherePossible(c.ToString())))
                .Where(r => r.To != r.From.ToString())
                .GroupBy(r => r)
                .Select(g => $"{g.Key.From}->{(g.Key.To.Length == 0 ? "(nothing)" : g.Key.To)}{(g.Count() > 1 ? $" x{g.Count()}" : string.Empty)}")
                .ToList();
            var text = rendered[i].Text;
            var forces = text.Where(c => !SmsEncoding.IsGsm(c)).Distinct().ToList();
            var length = rendered[i].Length;
            yield return new PreviewMessage(rendered.Count > 1 ? $"{step} ({i + 1}/{rendered.Count})" : step, text, length.Charset == SmsCharset.Gsm7 ? "GSM-7" : "UCS-2", length.Units, length.Segments, replaced, forces);
        }
    }

    private static IReadOnlyList<string> FollowUps(KnowledgeBase knowledge, KnowledgeEntry entry) =>
        entry.FollowUp.Where(knowledge.ById.ContainsKey).Take(3).Select(id => $"{knowledge.ById[id].Title} ({id})").ToList();

    private static async Task<TurnContext> SendEntryAsync(KnowledgeBase knowledge, KnowledgeEntry entry, AnswerComposer composer, ChannelProfile profile, CancellationToken cancellationToken)
    {
        var context = Context(entry, profile, new ConversationData { Language = entry.Lang });
        await composer.SendEntryAsync(context, knowledge, entry, cancellationToken);
        return context;
    }

    private static TurnContext Context(KnowledgeEntry entry, ChannelProfile profile, ConversationData state)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = entry.Id,
            ChannelId = profile.ChannelId,
            Conversation = new ConversationAccount { Id = "preview" },
            From = new ChannelAccount { Id = "staff", Role = RoleTypes.User },
            Recipient = new ChannelAccount { Id = "harm-reduction-bot", Role = RoleTypes.Bot },
        };
        return new TurnContext(activity, profile) { State = state, Language = entry.Lang };
    }
}

public sealed record PreviewMessage(string Step, string Text, string Charset, int Units, int Segments, IReadOnlyList<string> Replaced, IReadOnlyList<char> ForcesUcs2);

public sealed record PreviewResult(
    KnowledgeEntry Entry,
    string Channel,
    int MaxSegments,
    IReadOnlyList<PreviewMessage> Messages,
    IReadOnlyList<string> FollowUps,
    IReadOnlyList<string> Warnings,
    string? WebMarkdown,
    IReadOnlyList<string> Buttons)
{
    public string ToText()
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"{Entry.Id} ({Entry.Lang}) on {Channel}, exactly as sent{(Channel == "sms" ? $" (Sms:MaxSegments {MaxSegments})" : string.Empty)}");
        foreach (var message in Messages)
        {
            text.AppendLine().AppendLine(culture, $"== {message.Step}: {message.Segments} segment{(message.Segments == 1 ? string.Empty : "s")}, {message.Charset}, {message.Units} characters");
            if (message.Replaced.Count > 0)
            {
                text.AppendLine(culture, $"   replaced to stay in GSM-7: {string.Join(", ", message.Replaced)}");
            }

            text.AppendLine(message.Text);
        }

        if (WebMarkdown is not null)
        {
            text.AppendLine().AppendLine("== markdown").AppendLine(WebMarkdown);
            if (Buttons.Count > 0)
            {
                text.AppendLine().AppendLine(culture, $"== buttons: [{string.Join("] [", Buttons)}]");
            }
        }

        text.AppendLine().AppendLine(culture, $"follow-up menu: {(FollowUps.Count == 0 ? "none" : string.Join("; ", FollowUps))}");
        foreach (var warning in Warnings)
        {
            text.AppendLine(culture, $"warning: {warning}");
        }

        return text.ToString();
    }
}
