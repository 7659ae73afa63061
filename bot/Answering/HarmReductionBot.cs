using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Conversation.Dialogs;
using HarmReduction.Bot.Conversation.State;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Knowledge.Matching;

namespace HarmReduction.Bot.Answering;

/// <summary>
/// The root of the conversation. Emergencies were already handled by the safety middleware; here come the
/// steering words (menu, MORE, reset...), an open "Did you mean" question, numbered follow-ups, and finally the
/// knowledge base: answer, clarify or fall back kindly.
/// </summary>
public sealed class HarmReductionBot : IBot
{
    private const string ClarifyDialogId = "clarify";
    private const string ChoicePromptId = "choice";
    private static readonly string[] WelcomeEvents = ["webchat/join", "startConversation", "webchat/welcome"];

    private readonly KnowledgeProvider _knowledge;
    private readonly AnswerComposer _composer;
    private readonly ConfidenceBands _bands;
    private readonly DialogSet _dialogs;

    private readonly Semantic.SemanticLayer _semantic;

    public HarmReductionBot(KnowledgeProvider knowledge, AnswerComposer composer, ConfidenceBands bands, Semantic.SemanticLayer semantic)
    {
        _knowledge = knowledge;
        _semantic = semantic;
        _composer = composer;
        _bands = bands;
        _dialogs = new DialogSet()
            .Add(new ChoicePrompt(ChoicePromptId))
            .Add(new WaterfallDialog(ClarifyDialogId, [AskWhichAsync, AnswerPickAsync]));
    }

    public async Task OnTurnAsync(TurnContext turnContext, CancellationToken cancellationToken)
    {
        var knowledge = _knowledge.Current.Knowledge;
        var activity = turnContext.Activity;
        if (IsWelcomeTrigger(activity))
        {
            await SendWelcomeAsync(turnContext, knowledge, cancellationToken);
            return;
        }

        if (!activity.IsMessage)
        {
            return;
        }

        // A photo or file (Web Chat's paperclip) was dropped unread by the channel: say so, then answer any words with it.
        if (activity.Attachments is { Count: > 0 })
        {
            await _composer.SendMessageAsync(turnContext, knowledge, "photo-unseen", turnContext.Language, cancellationToken);
            turnContext.Outcome = new TurnOutcome(TurnKind.Meta);
            if (!(activity.Text ?? string.Empty).Any(char.IsLetterOrDigit))
            {
                return;
            }
        }

        var text = activity.Text ?? string.Empty;
        turnContext.State.TurnCount++;
        if (text.Length == 0 || !text.Any(char.IsLetterOrDigit))
        {
            await _composer.SendMessageAsync(turnContext, knowledge, "empty-message", turnContext.Language, cancellationToken, MenuLabels(knowledge, turnContext));
            turnContext.Outcome = new TurnOutcome(TurnKind.Meta);
            return;
        }

        if (await HandleCommandAsync(turnContext, knowledge, CommandRecognizer.Recognize(text), cancellationToken))
        {
            return;
        }

        if (await ContinueEmergencyAsync(turnContext, knowledge, text, cancellationToken))
        {
            return;
        }

        var dc = _dialogs.CreateContext(turnContext);
        var result = await ContinueSafelyAsync(dc, cancellationToken);
        if (result.Status != DialogTurnStatus.Empty)
        {
            return;
        }

        if (PickedFollowUp(turnContext, knowledge, text) is { } picked)
        {
            await AnswerEntryAsync(turnContext, knowledge, picked, score: 1.0, cancellationToken);
            turnContext.Outcome = turnContext.Outcome with { Route = TurnRoute.FollowUp };
            return;
        }

        if (turnContext.Channel.IsSms && OutOfRange(turnContext, knowledge, text) is { } count)
        {
            await SendOutOfRangeAsync(turnContext, knowledge, count, cancellationToken);
            return;
        }

        if (LocationStatement.Is(text))
        {
            // "im in ohio" after "where can i get narcan": a place, not a new question. Nothing is looked up or kept.
            await _composer.SendMessageAsync(turnContext, knowledge, "location-noted", turnContext.Language, cancellationToken);
            turnContext.Outcome = new TurnOutcome(TurnKind.Meta, turnContext.State.LastEntryId);
            return;
        }

        await AnswerQuestionAsync(dc, knowledge, text, cancellationToken);
    }

    /// <summary>
    /// Right after an emergency reply, a short message may continue it ("i dont have narcan", "hes breathing now"): it gets
    /// the next step, not an answer from the knowledge base. Anything else ends the emergency's context.
    /// </summary>
    private async Task<bool> ContinueEmergencyAsync(TurnContext turnContext, KnowledgeBase knowledge, string text, CancellationToken cancellationToken)
    {
        if (turnContext.State.LastEmergency is not { } emergency)
        {
            return false;
        }

        if (_knowledge.Current.Safety.FollowUpOf(text) is not { } followUp)
        {
            turnContext.State.LastEmergency = null;
            return false;
        }

        await _composer.SendMessageAsync(turnContext, knowledge, followUp.Reply, turnContext.Language, cancellationToken);
        turnContext.Outcome = new TurnOutcome(TurnKind.Emergency, $"{emergency}/{followUp.Name}", 1.0);
        return true;
    }

    private static bool IsWelcomeTrigger(Activity activity) =>
        (activity.Type == ActivityTypes.ConversationUpdate && activity.MembersAdded?.Any(m => m.Id != activity.Recipient?.Id) == true)
        || (activity.Type == ActivityTypes.Event && WelcomeEvents.Contains(activity.Name, StringComparer.Ordinal));

    private async Task<bool> HandleCommandAsync(TurnContext turnContext, KnowledgeBase knowledge, Command command, CancellationToken cancellationToken)
    {
        var language = turnContext.Language;
        switch (command)
        {
            case Command.Greeting:
                await SendWelcomeAsync(turnContext, knowledge, cancellationToken);
                return true;
            case Command.Menu:
                await SendMenuAsync(turnContext, knowledge, "menu", cancellationToken);
                turnContext.Outcome = new TurnOutcome(TurnKind.Meta);
                return true;
            case Command.Help:
                await _composer.SendMessageAsync(turnContext, knowledge, "help", language, cancellationToken);
                turnContext.Outcome = new TurnOutcome(TurnKind.Meta);
                return true;
            case Command.More:
                await _dialogs.CreateContext(turnContext).CancelAllDialogsAsync(cancellationToken);
                var sent = await _composer.SendMoreAsync(turnContext, knowledge, cancellationToken);
                turnContext.Outcome = sent && turnContext.State.LastEntryId is { } last ? new TurnOutcome(TurnKind.Answer, last, 1.0) { Route = TurnRoute.More } : new TurnOutcome(TurnKind.Meta);
                return true;
            case Command.Thanks or Command.Okay:
                await _composer.SendMessageAsync(turnContext, knowledge, command == Command.Thanks ? "courtesy-thanks" : "courtesy-ok", language, cancellationToken);
                turnContext.Outcome = new TurnOutcome(TurnKind.Meta);
                return true;
            case Command.Reset:
                turnContext.State = new ConversationData { Language = language };
                await _composer.SendMessageAsync(turnContext, knowledge, "reset", language, cancellationToken);
                turnContext.Outcome = new TurnOutcome(TurnKind.Meta);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A stack left by an older version of the bot (an unknown dialog id) is cleared rather than failing every turn.</summary>
    private async Task<DialogTurnResult> ContinueSafelyAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (dc.Stack.Any(i => _dialogs.Find(i.Id) is null))
        {
            dc.Context.State.DialogStack.Clear();
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        return await dc.ContinueDialogAsync(cancellationToken);
    }

    /// <summary>The offered option the message picks (by number, title or menu label), if it picks one.</summary>
    private static KnowledgeEntry? PickedFollowUp(TurnContext turnContext, KnowledgeBase knowledge, string text)
    {
        var ids = turnContext.State.FollowUps.Where(knowledge.ById.ContainsKey).ToList();
        if (ids.Count == 0)
        {
            return null;
        }

        var menuLabels = MenuItems(knowledge, turnContext.Language).ToDictionary(m => m.Id, m => m.Label, StringComparer.Ordinal);
        var choices = ids.Select(id => menuLabels.TryGetValue(id, out var label)
            ? new Choice(label, [knowledge.ById[id].Title])
            : new Choice(knowledge.ById[id].Title)).ToList();
        return ChoiceRecognizer.Recognize(text, choices) is { } found ? knowledge.ById[ids[found.Index]] : null;
    }

    /// <summary>How many options were offered, when the message is a bare number that is not one of them.</summary>
    private static int? OutOfRange(TurnContext turnContext, KnowledgeBase knowledge, string text)
    {
        // One or two digits: a longer number (911, 988) is something else.
        var count = turnContext.State.FollowUps.Count(knowledge.ById.ContainsKey);
        var trimmed = text.Trim().TrimEnd('.', ')');
        return count > 0 && trimmed.Length is 1 or 2 && trimmed.All(char.IsAsciiDigit) ? count : null;
    }

    /// <summary>"Reply 1, 2 or 3, or ask your question." The options stay open.</summary>
    private async Task SendOutOfRangeAsync(TurnContext turnContext, KnowledgeBase knowledge, int count, CancellationToken cancellationToken)
    {
        var language = turnContext.Language;
        var numbers = Enumerable.Range(1, count).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var choices = count == 1 ? numbers[0] : $"{string.Join(", ", numbers[..^1])} {knowledge.Messages.GetText("or", language)} {numbers[^1]}";
        var text = _composer.Fill(knowledge.Messages.GetText("choice-out-of-range", language), language).Replace("{choices}", choices, StringComparison.Ordinal);
        await turnContext.SendActivityAsync(Activity.CreateMessage(text, TextFormats.Plain), cancellationToken);
        turnContext.Outcome = new TurnOutcome(TurnKind.Meta);
    }

    private static bool IsOffTopic(TurnContext turnContext) =>
        turnContext.TurnState.TryGetValue(TurnStateKeys.Safety, out var value) && value is Safety.SafetyAssessment { IsOffTopic: true };

    private async Task AnswerQuestionAsync(DialogContext dc, KnowledgeBase knowledge, string text, CancellationToken cancellationToken)
    {
        var turnContext = dc.Context;
        var ranker = _knowledge.Current.Ranker;
        Func<float[]>? vector = _semantic.Messages is { } encoder ? () => encoder.Encode(turnContext, Semantic.SemanticText.Prepare(text)) : null;
        var language = turnContext.Language;
        var ranked = ServiceAddressing.Prefer(text, ranker.Search(text, language, vector));
        var decision = _bands.Decide(ranked);
        if (InTheLightOfTheLastAnswer(turnContext, knowledge, text, language, decision) is { } contextual)
        {
            (ranked, decision) = contextual;
        }

        if (IsOffTopic(turnContext))
        {
            // Its nearest labelled neighbours are small talk and other subjects: whatever word it shares with some
            // phrasing, no entry is meant, and a kind fallback beats a confident answer to something else.
            decision = decision with { Confidence = Confidence.Fallback };
        }
        else if (decision.Confidence == Confidence.Fallback && language != "en")
        {
            // No entry in the person's language answers this; an English one may.
            var englishRanked = ranker.Search(text, "en", vector);
            var english = _bands.Decide(englishRanked);
            if (english.Confidence != Confidence.Fallback)
            {
                (ranked, decision, language) = (englishRanked, english, "en");
            }
        }
        else if (decision.Confidence == Confidence.Fallback && language == "en" && LanguageDetector.Detect(text) is null && ranker.Languages.Contains("es"))
        {
            // Nothing in the words said English (the conversation's default did): a Spanish entry that answers outright is
            // what the person asked for ("le van a decir a la policia").
            var spanishRanked = ranker.Search(text, "es", vector);
            var spanish = _bands.Decide(spanishRanked);
            if (spanish.Confidence == Confidence.Answer)
            {
                (ranked, decision, language) = (spanishRanked, spanish, "es");
                turnContext.Language = "es";
            }
        }

        if (decision.Confidence != Confidence.Answer && !IsOffTopic(turnContext) && TheAskedSentence(text, language, ranked) is { } asked)
        {
            (ranked, decision) = asked;
        }

        turnContext.TurnState[TurnStateKeys.Ranked] = ranked;
        turnContext.TurnState[TurnStateKeys.Decision] = decision;
        turnContext.TurnState[TurnStateKeys.SearchLanguage] = language;
        switch (decision.Confidence)
        {
            case Confidence.Answer or Confidence.Clarify when SeparateQuestions(text, language, decision) is [var first, var second]:
                // Two questions in one message, each clear on its own: both answered, in the order asked.
                turnContext.TurnState[TurnStateKeys.AlsoAnswered] = second;
                await AnswerEntryAsync(turnContext, knowledge, first.Entry, first.Score, cancellationToken);
                await _composer.SendAlsoAsync(turnContext, knowledge, second.Entry, cancellationToken);
                break;
            case Confidence.Answer:
                await AnswerEntryAsync(turnContext, knowledge, decision.Candidates[0].Entry, decision.Candidates[0].Score, cancellationToken);
                break;
            case Confidence.Clarify:
                await dc.BeginDialogAsync(ClarifyDialogId, new ClarifyOptions(decision.Candidates.Select(c => c.Entry.Id).ToList()), cancellationToken);
                turnContext.Outcome = new TurnOutcome(TurnKind.Clarify, decision.Candidates[0].Entry.Id, decision.Candidates[0].Score);
                break;
            default:
                await SendMenuAsync(turnContext, knowledge, "fallback", cancellationToken);
                turnContext.Outcome = new TurnOutcome(TurnKind.Fallback, null, ranked.Count > 0 ? ranked[0].Score : 0);
                break;
        }
    }

    /// <summary>
    /// The answers to a message that asks two things ("how do i get narcan and also where can i get a hep c test"): each part
    /// ranked on its own, kept when it is answered outright (at least answer-at, not by a lead alone); two different entries, or none. When the whole message had a
    /// clear answer it must be one of the two (a part never overrules it with two other topics).
    /// </summary>
    private IReadOnlyList<KnowledgeMatch> SeparateQuestions(string text, string language, RankedDecision whole)
    {
        var parts = QuestionParts.Split(text);
        if (parts.Count == 0)
        {
            return [];
        }

        var ranker = _knowledge.Current.Ranker;
        var answers = new List<KnowledgeMatch>();
        foreach (var part in parts.Take(3))
        {
            Func<float[]>? vector = _semantic.Messages is { } encoder ? () => encoder.Encode(Semantic.SemanticText.Prepare(part)) : null;
            var decision = _bands.Decide(ServiceAddressing.Prefer(part, ranker.Search(part, language, vector)));
            if (decision.Confidence == Confidence.Answer && decision.Candidates[0].Score >= _bands.AnswerAt && answers.TrueForAll(a => a.Entry.Id != decision.Candidates[0].Entry.Id))
            {
                answers.Add(decision.Candidates[0]);
            }
        }

        if (answers.Count < 2 || whole.Confidence == Confidence.Answer && !answers.Take(2).Any(a => a.Entry.Id == whole.Candidates[0].Entry.Id))
        {
            return [];
        }

        return answers.Take(2).ToList();
    }

    /// <summary>
    /// A story, then a question: the asked sentence alone decides how sure to be, when it answers outright with one of the
    /// entries the whole message ranked first (the story chose them, if unsurely; "es asi?" alone chooses nothing), or
    /// at answer-at on its own when the story drew no candidate at all ("in call of duty my guy keeps dying lmao. irl...").
    /// </summary>
    private (IReadOnlyList<KnowledgeMatch> Ranked, RankedDecision Decision)? TheAskedSentence(string text, string language, IReadOnlyList<KnowledgeMatch> whole)
    {
        if (AskedSentence.Of(text) is not { } sentence)
        {
            return whole.Count == 0 ? null : TheSurestSentence(text, language, whole);
        }

        var (ranked, decision) = RankedAlone(sentence, language);
        if (decision.Confidence != Confidence.Answer || decision.Candidates is not [var best, ..])
        {
            return null;
        }

        // Nothing ranked for the whole message (its story is about something else): the sentence must be sure on its own.
        return (whole.Count == 0 ? best.Score >= _bands.AnswerAt : whole.Take(3).Any(m => m.Entry.Id == best.Entry.Id)) ? (ranked, decision) : null;
    }

    /// <summary>
    /// No sentence asks on its own ("Quiero tener naloxona en la casa pero no sé cómo se usa ni dónde guardarla. ¿Me
    /// explican?"): the sentence that alone is surest of one of the entries the whole message ranked near the top, when it
    /// reaches answer-at by itself (a clear lead is not enough here: "my car makes a grinding noise" leads to jaw grinding).
    /// </summary>
    private (IReadOnlyList<KnowledgeMatch> Ranked, RankedDecision Decision)? TheSurestSentence(string text, string language, IReadOnlyList<KnowledgeMatch> whole)
    {
        (IReadOnlyList<KnowledgeMatch> Ranked, RankedDecision Decision)? surest = null;
        foreach (var part in AskedSentence.Sentences(text))
        {
            var (ranked, decision) = RankedAlone(part, language);
            if (decision.Confidence == Confidence.Answer && decision.Candidates is [var best, ..] && best.Score >= _bands.AnswerAt
                && whole.Take(3).Any(m => m.Entry.Id == best.Entry.Id)
                && (surest is null || best.Score > surest.Value.Decision.Candidates[0].Score))
            {
                surest = (ranked, decision);
            }
        }

        return surest;
    }

    /// <summary>One sentence of a message ranked as if it were the whole message.</summary>
    private (IReadOnlyList<KnowledgeMatch> Ranked, RankedDecision Decision) RankedAlone(string sentence, string language)
    {
        Func<float[]>? vector = _semantic.Messages is { } encoder ? () => encoder.Encode(Semantic.SemanticText.Prepare(sentence)) : null;
        var ranked = ServiceAddressing.Prefer(sentence, _knowledge.Current.Ranker.Search(sentence, language, vector));
        return (ranked, _bands.Decide(ranked));
    }

    /// <summary>
    /// A short follow-up ("how do i test them" after the fake-pills answer) is read together with what the last answer was about.
    /// The reading wins only when it leads to one of that answer's follow-ups or its topic, and is surer than the plain one.
    /// </summary>
    private (IReadOnlyList<KnowledgeMatch> Ranked, RankedDecision Decision)? InTheLightOfTheLastAnswer(
        TurnContext turnContext, KnowledgeBase knowledge, string text, string language, RankedDecision plain)
    {
        if (turnContext.State.LastEntryId is not { } lastId || !knowledge.ById.TryGetValue(lastId, out var last) || !FollowUpText.IsShortFollowUp(text))
        {
            return null;
        }

        // What "them" points at: the last answer's leading keywords (its title says too much and drowns the question).
        var combined = text + " " + (last.Keywords.Count > 0 ? string.Join(' ', last.Keywords.Take(2)) : last.Title);
        Func<float[]>? vector = _semantic.Messages is { } encoder ? () => encoder.Encode(Semantic.SemanticText.Prepare(combined)) : null;
        var ranked = _knowledge.Current.Ranker.Search(combined, language, vector).Where(m => m.Entry.Id != lastId).ToList();
        if (ranked.Count == 0 || !(last.FollowUp.Contains(ranked[0].Entry.Id) || ranked[0].Entry.Topic == last.Topic))
        {
            return null;
        }

        var decision = _bands.Decide(ranked);
        var plainScore = plain.Candidates.Count > 0 ? plain.Candidates[0].Score : 0;
        return decision.Confidence == Confidence.Answer && (plain.Confidence != Confidence.Answer || ranked[0].Score > plainScore) ? (ranked, decision) : null;
    }

    private async Task AnswerEntryAsync(TurnContext turnContext, KnowledgeBase knowledge, KnowledgeEntry entry, double score, CancellationToken cancellationToken)
    {
        turnContext.Language = entry.Lang;
        await _composer.SendEntryAsync(turnContext, knowledge, entry, cancellationToken);
        turnContext.Outcome = new TurnOutcome(entry.IsAboutService ? TurnKind.Meta : TurnKind.Answer, entry.Id, score);
    }

    private async Task<DialogTurnResult> AskWhichAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var knowledge = _knowledge.Current.Knowledge;
        var language = step.Context.Language;
        var ids = (step.GetOptions<ClarifyOptions>()?.EntryIds ?? []).Where(knowledge.ById.ContainsKey).ToList();
        var choices = ids.Select(id => new Choice(knowledge.ById[id].Title))
            .Append(new Choice(knowledge.Messages.GetText("none-of-these", language)))
            .ToList();
        step.SetValue("ids", ids);
        return await step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = _composer.Fill(knowledge.Messages.GetText("clarify", language), language),
            Choices = choices,
            MaxRetries = 0,
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> AnswerPickAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var knowledge = _knowledge.Current.Knowledge;
        var ids = step.GetValue<List<string>>("ids") ?? [];
        switch (step.Result)
        {
            case FoundChoice found when found.Index < ids.Count && knowledge.ById.TryGetValue(ids[found.Index], out var entry):
                await step.EndDialogAsync(null, cancellationToken);
                await AnswerEntryAsync(step.Context, knowledge, entry, 1.0, cancellationToken);
                step.Context.Outcome = step.Context.Outcome with { Route = TurnRoute.Picked };
                break;
            case FoundChoice:
                await step.EndDialogAsync(null, cancellationToken);
                await SendMenuAsync(step.Context, knowledge, "fallback", cancellationToken);
                step.Context.Outcome = new TurnOutcome(TurnKind.Fallback) { Route = TurnRoute.NoneOfThese };
                break;
            case PromptNoMatch noMatch:
                // Not one of the options: it is a new question.
                await step.EndDialogAsync(null, cancellationToken);
                await AnswerQuestionAsync(step.DialogContext, knowledge, noMatch.Text, cancellationToken);
                break;
            default:
                await step.EndDialogAsync(null, cancellationToken);
                break;
        }

        return new DialogTurnResult(DialogTurnStatus.Complete);
    }

    private async Task SendWelcomeAsync(TurnContext turnContext, KnowledgeBase knowledge, CancellationToken cancellationToken)
    {
        await SendMenuAsync(turnContext, knowledge, "welcome", cancellationToken);
        turnContext.Outcome = new TurnOutcome(TurnKind.Meta);
    }

    private async Task SendMenuAsync(TurnContext turnContext, KnowledgeBase knowledge, string messageKey, CancellationToken cancellationToken)
    {
        var items = MenuItems(knowledge, turnContext.Language).ToList();
        turnContext.State.FollowUps = items.Select(i => i.Id).ToList();
        turnContext.State.PendingPages = [];
        await _composer.SendMessageAsync(turnContext, knowledge, messageKey, turnContext.Language, cancellationToken, items.Select(i => i.Label).ToList());
    }

    private static IReadOnlyList<string> MenuLabels(KnowledgeBase knowledge, TurnContext turnContext)
    {
        var items = MenuItems(knowledge, turnContext.Language).ToList();
        turnContext.State.FollowUps = items.Select(i => i.Id).ToList();
        return items.Select(i => i.Label).ToList();
    }

    /// <summary>The menu's entries, from <c>menu-options</c> in messages.yaml ("entry-id | label" per line).</summary>
    private static IEnumerable<(string Id, string Label)> MenuItems(KnowledgeBase knowledge, string language)
    {
        if (!knowledge.Messages.All.ContainsKey("menu-options"))
        {
            yield break;
        }

        foreach (var line in knowledge.Messages.Get("menu-options", language))
        {
            var bar = line.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && knowledge.ById.ContainsKey(line[..bar].Trim()))
            {
                yield return (line[..bar].Trim(), line[(bar + 1)..].Trim());
            }
        }
    }
}
