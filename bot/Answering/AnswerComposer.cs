using System.Text.Json;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Channels.Sms;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.Dialogs;
using HarmReduction.Bot.Knowledge;

namespace HarmReduction.Bot.Answering;

/// <summary>
/// Writes replies for the channel: on SMS the short answer, numbered follow-ups and pages behind MORE;
/// on the web the full answer, its sources and follow-ups as buttons. Placeholders are filled from <c>Resources</c>, as
/// the served knowledge version was loaded with them (they reload live with it).
/// </summary>
public sealed class AnswerComposer(Func<ResourcesOptions> resources)
{
    public AnswerComposer(ResourcesOptions resources)
        : this(() => resources)
    {
    }

    public async Task SendEntryAsync(TurnContext turnContext, KnowledgeBase knowledge, KnowledgeEntry entry, CancellationToken cancellationToken)
    {
        var state = turnContext.State;
        var language = entry.Lang;
        var followUps = entry.FollowUp.Where(knowledge.ById.ContainsKey).Take(3).ToList();
        state.LastEntryId = entry.Id;
        state.DetailsSent = !turnContext.Channel.IsSms;
        state.FollowUps = followUps;
        state.PendingPages = [];

        var titles = followUps.Select(id => knowledge.ById[id].Title).ToList();
        if (turnContext.Channel.IsSms)
        {
            var text = Fill(entry.SmsAnswer, language);
            if (titles.Count > 0)
            {
                text += "\n\n" + Fill(knowledge.Messages.GetText("follow-up-prompt", language), language) + "\n"
                    + string.Join("\n", titles.Select((t, i) => $"{i + 1}) {t}"));
            }

            await SendPagedAsync(turnContext, knowledge, text, language, cancellationToken);
            return;
        }

        var web = TelLinks.Add(Fill(entry.WebAnswer, language), resources().For(language)) + "\n\n" + Sources(knowledge, entry, language);
        var activity = Activity.CreateMessage(web, TextFormats.Markdown);
        if (titles.Count > 0)
        {
            activity.SuggestedActions = new SuggestedActions { Actions = titles.Select(CardAction.ImBack).ToList() };
        }

        await turnContext.SendActivityAsync(activity, cancellationToken);
    }

    /// <summary>
    /// The answer to the second question of a message, right after the first: on SMS its short answer as a message of its
    /// own (left out if it would not fit, never cut), on the web its full answer and sources. The first answer keeps the
    /// conversation's follow-ups and MORE.
    /// </summary>
    public async Task SendAlsoAsync(TurnContext turnContext, KnowledgeBase knowledge, KnowledgeEntry entry, CancellationToken cancellationToken)
    {
        if (turnContext.Channel.IsSms)
        {
            var text = Fill(entry.SmsAnswer, entry.Lang);
            if (SmsEncoding.Fits(SmsEncoding.ToGsmWherePossible(text), turnContext.Channel.MaxSegments))
            {
                await turnContext.SendActivityAsync(Activity.CreateMessage(text, TextFormats.Plain), cancellationToken);
            }

            return;
        }

        var web = TelLinks.Add(Fill(entry.WebAnswer, entry.Lang), resources().For(entry.Lang)) + "\n\n" + Sources(knowledge, entry, entry.Lang);
        var activity = Activity.CreateMessage(web, TextFormats.Markdown);
        // Buttons belong to the newest message (clients show them only there): the first answer's follow-ups move down.
        var titles = turnContext.State.FollowUps.Where(knowledge.ById.ContainsKey).Select(id => knowledge.ById[id].Title).ToList();
        if (titles.Count > 0)
        {
            activity.SuggestedActions = new SuggestedActions { Actions = titles.Select(CardAction.ImBack).ToList() };
        }

        await turnContext.SendActivityAsync(activity, cancellationToken);
    }

    /// <summary>MORE: the next page of a long reply, else the fuller version of the last answer, else a short note.</summary>
    public async Task<bool> SendMoreAsync(TurnContext turnContext, KnowledgeBase knowledge, CancellationToken cancellationToken)
    {
        var state = turnContext.State;
        var language = turnContext.Language;
        if (state.PendingPages.Count > 0)
        {
            var next = state.PendingPages[0];
            state.PendingPages.RemoveAt(0);
            await turnContext.SendActivityAsync(Activity.CreateMessage(next, TextFormats.Plain), cancellationToken);
            return true;
        }

        if (turnContext.Channel.IsSms && !state.DetailsSent && state.LastEntryId is { } id && knowledge.ById.TryGetValue(id, out var entry))
        {
            state.DetailsSent = true;
            // The details, then at most one short line of where they come from (the web shows the full sources).
            var details = MarkdownText.ToPlain(WithoutHeadline(Fill(entry.WebAnswer, entry.Lang)));
            await SendPagedAsync(turnContext, knowledge, details, entry.Lang, cancellationToken, trailer: ShortSources(knowledge, entry, entry.Lang));
            return true;
        }

        await SendMessageAsync(turnContext, knowledge, "no-more", language, cancellationToken);
        return false;
    }

    /// <summary>
    /// A message from messages.yaml, one activity per part; the last part can carry options. On the web, phone numbers
    /// become tap-to-call links and an emergency or crisis message is marked (<see cref="UrgencyData"/>) so the page can
    /// make it stand out. On SMS a part over the budget is paged behind MORE like an answer.
    /// </summary>
    public async Task SendMessageAsync(TurnContext turnContext, KnowledgeBase knowledge, string key, string language, CancellationToken cancellationToken, IReadOnlyList<string>? options = null)
    {
        var channel = turnContext.Channel;
        var parts = knowledge.Messages.Get(key, language)
            .Select(p => channel.IsSms ? Fill(p, language) : TelLinks.Add(Fill(p, language), resources().For(language)))
            .ToList();
        var urgency = UrgencyOf(knowledge, key);
        for (var i = 0; i < parts.Count; i++)
        {
            var isLast = i == parts.Count - 1;
            var activity = isLast && options is { Count: > 0 }
                ? ChoiceFormatter.Format(parts[i], options, channel)
                : Activity.CreateMessage(parts[i], channel.IsSms ? TextFormats.Plain : TextFormats.Markdown);
            if (channel.IsSms && urgency is null && !SmsEncoding.Fits(SmsEncoding.ToGsmWherePossible(activity.Text!), channel.MaxSegments))
            {
                await SendPagedAsync(turnContext, knowledge, activity.Text!, language, cancellationToken);
                continue;
            }

            if (urgency is not null)
            {
                activity.ChannelData = UrgencyData(urgency);
            }

            await turnContext.SendActivityAsync(activity, cancellationToken);
        }
    }

    /// <summary>
    /// <c>channelData</c> of an emergency or crisis reply: <c>{"urgency": "emergency"}</c> or <c>{"urgency": "crisis"}</c>.
    /// Clients that do not know it ignore it.
    /// </summary>
    public static JsonElement UrgencyData(string urgency) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["urgency"] = urgency });

    /// <summary>"emergency" or "crisis" when the safety rules name <paramref name="key"/> as their reply, else null.</summary>
    private static string? UrgencyOf(KnowledgeBase knowledge, string key) =>
        knowledge.Safety.Emergencies.Any(e => e.Reply == key) ? "emergency"
        : knowledge.Safety.Crisis.Reply == key || knowledge.Safety.Crisis.ReplyForSomeoneElse == key ? "crisis"
        : null;

    public string Fill(string text, string language) => Placeholders.Fill(text, resources().For(language));

    /// <summary>
    /// The web answer opens with its bold headline, which is the SMS answer the person just read; MORE starts after it.
    /// </summary>
    private static string WithoutHeadline(string web)
    {
        var firstBreak = web.IndexOf("\n\n", StringComparison.Ordinal);
        var first = firstBreak < 0 ? web : web[..firstBreak];
        return firstBreak > 0 && first.StartsWith("**", StringComparison.Ordinal) && first.EndsWith("**", StringComparison.Ordinal) ? web[(firstBreak + 2)..] : web;
    }

    /// <summary>The first page now, the rest behind MORE; a <paramref name="trailer"/> ends the last page only if it fits there.</summary>
    private async Task SendPagedAsync(TurnContext turnContext, KnowledgeBase knowledge, string text, string language, CancellationToken cancellationToken, string? trailer = null)
    {
        var more = Fill(knowledge.Messages.GetText("more-prompt", language), language);
        var maxSegments = turnContext.Channel.MaxSegments;
        var pages = ReplyPager.Paginate(text, maxSegments, more).ToList();
        if (trailer is not null && pages[^1] + "\n\n" + trailer is var ended && SmsEncoding.Fits(SmsEncoding.ToGsmWherePossible(ended), maxSegments))
        {
            pages[^1] = ended;
        }

        turnContext.State.PendingPages = pages.Skip(1).ToList();
        await turnContext.SendActivityAsync(Activity.CreateMessage(pages[0], TextFormats.Plain), cancellationToken);
    }

    /// <summary>"Sources: samhsa.gov, cdc.gov": the sites, not their addresses, for a reply that has no room for links.</summary>
    private static string? ShortSources(KnowledgeBase knowledge, KnowledgeEntry entry, string language)
    {
        var sites = entry.Sources
            .Select(s => s.Url.IsAbsoluteUri ? Site(s.Url.Host) : null)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return sites.Count == 0 ? null : $"{knowledge.Messages.GetText("sources", language)}: {string.Join(", ", sites)}";
    }

    /// <summary>The site's own name: library.samhsa.gov is samhsa.gov.</summary>
    private static string Site(string host)
    {
        var labels = host.ToLowerInvariant().Split('.', StringSplitOptions.RemoveEmptyEntries);
        return labels.Length <= 2 ? string.Join('.', labels) : string.Join('.', labels[^2..]);
    }

    private static string Sources(KnowledgeBase knowledge, KnowledgeEntry entry, string language)
    {
        var label = knowledge.Messages.GetText("sources", language);
        var reviewed = entry.Reviewed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return $"*{label}: {string.Join(" · ", entry.Sources.Select(s => $"[{s.Title}]({s.Url})"))} ({reviewed})*";
    }
}
