using HarmReduction.Bot.Activities;
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

        var web = Fill(entry.WebAnswer, language) + "\n\n" + Sources(knowledge, entry, language, markdown: true);
        var activity = Activity.CreateMessage(web, TextFormats.Markdown);
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
            var details = MarkdownText.ToPlain(WithoutHeadline(Fill(entry.WebAnswer, entry.Lang))) + "\n\n" + Sources(knowledge, entry, entry.Lang, markdown: false);
            await SendPagedAsync(turnContext, knowledge, details, entry.Lang, cancellationToken);
            return true;
        }

        await SendMessageAsync(turnContext, knowledge, "no-more", language, cancellationToken);
        return false;
    }

    /// <summary>A message from messages.yaml, one activity per part; the last part can carry options.</summary>
    public async Task SendMessageAsync(TurnContext turnContext, KnowledgeBase knowledge, string key, string language, CancellationToken cancellationToken, IReadOnlyList<string>? options = null)
    {
        var parts = knowledge.Messages.Get(key, language).Select(p => Fill(p, language)).ToList();
        for (var i = 0; i < parts.Count; i++)
        {
            var isLast = i == parts.Count - 1;
            var activity = isLast && options is { Count: > 0 }
                ? ChoiceFormatter.Format(parts[i], options, turnContext.Channel)
                : Activity.CreateMessage(parts[i], turnContext.Channel.IsSms ? TextFormats.Plain : TextFormats.Markdown);
            await turnContext.SendActivityAsync(activity, cancellationToken);
        }
    }

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

    private async Task SendPagedAsync(TurnContext turnContext, KnowledgeBase knowledge, string text, string language, CancellationToken cancellationToken)
    {
        var more = Fill(knowledge.Messages.GetText("more-prompt", language), language);
        var pages = ReplyPager.Paginate(text, turnContext.Channel.MaxSegments, more);
        turnContext.State.PendingPages = pages.Skip(1).ToList();
        await turnContext.SendActivityAsync(Activity.CreateMessage(pages[0], TextFormats.Plain), cancellationToken);
    }

    private static string Sources(KnowledgeBase knowledge, KnowledgeEntry entry, string language, bool markdown)
    {
        var label = knowledge.Messages.GetText("sources", language);
        var reviewed = entry.Reviewed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return markdown
            ? $"*{label}: {string.Join(" · ", entry.Sources.Select(s => $"[{s.Title}]({s.Url})"))} ({reviewed})*"
            : $"{label}: {string.Join("; ", entry.Sources.Select(s => $"{s.Title} {s.Url}"))}";
    }
}
