using System.Text.RegularExpressions;
using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Safety;

/// <summary>
/// Recognises an overdose or overamp happening now, and suicidal crisis, from the patterns in <c>safety.yaml</c>.
/// A sign of emergency ("not breathing", "wont wake up") counts unless the message is framed as a question about
/// emergencies ("what are the signs of", "if someone...") with nothing that says it is happening now ("he", "help", "rn").
/// When in doubt it answers as an emergency: a wrong emergency reply costs a moment, a missed one can cost a life.
/// </summary>
public sealed partial class SafetyDetector
{
    private readonly SafetyRules _rules;
    private readonly PhraseList<(EmergencyRule Rule, string Language, string[] Phrase)> _signs;
    private readonly PhraseList<(EmergencyRule Rule, string Language, string[] Phrase)> _signsWhenNow;
    private readonly PhraseList<(EmergencyRule Rule, string Language, string[] Phrase)> _signsWithCrisis;
    private readonly List<(EmergencyRule Rule, PhraseList<string[]> First, PhraseList<(string Language, string[] Phrase)> Second)> _withCrisisTogether;
    private readonly PhraseList<(EmergencyRule Rule, string Language, string[] Phrase)> _context;
    private readonly PhraseList<(EmergencyRule Rule, string Language, string[] Phrase)> _chosenWith;
    private readonly PhraseList<(string Language, string[] Phrase)> _crisis;
    private readonly PhraseList<(string Language, string[] Phrase)> _notCrisis;
    private readonly PhraseList<string[]> _anotherPersonsSuicide;

    /// <summary>The crisis phrases (by index) that are a first-person phrase as someone else reports it.</summary>
    private readonly HashSet<int> _reportedCrisis;

    /// <summary>Words (typed and stemmed) that put a crisis phrase in the writer's mouth, or in someone else's.</summary>
    private readonly Dictionary<string, HashSet<string>> _firstPersonWords;
    private readonly Dictionary<string, HashSet<string>> _thirdPersonWords;
    private readonly PhraseList<string[]> _now;
    private readonly PhraseList<string[]> _nowWeak;
    private readonly ExactPhrases _nowExcept;
    private readonly ExactPhrases _signsExcept;
    private readonly ExactPhrases _longAgoExcept;
    // Pairs of phrase lists that say a crisis together in one message: "lethal dose" with "its for me", a goodbye with
    // things left to others. The first list's phrase is the one reported.
    private readonly List<(PhraseList<(string Language, string[] Phrase)> First, PhraseList<string[]> Second)> _together;
    private readonly PhraseList<string[]> _speaksOfOneself;
    private readonly PhraseList<string[]> _present;
    private readonly ExactPhrases _conditionalExcept;
    private readonly ExactPhrases _questionExcept;
    private readonly ExactPhrases _supposedOfAnyone;
    private readonly PhraseList<string[]> _question;
    private readonly PhraseList<string[]> _people;
    private readonly PhraseList<string[]> _conditional;
    private readonly PhraseList<string[]> _notNow;
    private readonly PhraseList<string[]> _notNowUndone;
    private readonly PhraseList<string[]> _past;
    private readonly PhraseList<string[]> _longAgo;
    private readonly ExactPhrases _laughter;
    private readonly PhraseList<string[]> _useTalk;
    private readonly ExactPhrases _realQuestion;

    // Each follow-up's phrases, one after another: the first phrase that matches belongs to the first follow-up that does.
    private readonly PhraseList<(EmergencyFollowUp FollowUp, string[] Phrase)> _followUps;
    private readonly IReadOnlySet<string> _knownWords;
    private readonly SituationNet? _net;

    // Crisis phrases match any form of their words ("wants to die", "taking everything"), so they are kept as stems and
    // compared with the message's stems. Emergency signs are not: "overdoses" (a question) is not "overdosing" (happening now).
    private readonly Dictionary<string, Func<string, string>> _stemmers;
    private readonly SpanishColloquialForms _spanishForms;

    /// <param name="rules">The patterns from safety.yaml.</param>
    /// <param name="knownWords">Correctly spelled words (from the answers); typed exactly, they are not treated as typos of a sign.</param>
    /// <param name="net">The second net (labelled situations compared by meaning); null when the semantic layer is off.</param>
    public SafetyDetector(SafetyRules rules, IReadOnlySet<string> knownWords, SituationNet? net = null)
    {
        _rules = rules;
        _knownWords = knownWords;
        _net = net is { IsEmpty: false } ? net : null;
        _stemmers = new Dictionary<string, Func<string, string>>(StringComparer.Ordinal)
        {
            ["en"] = new Knowledge.Matching.TextAnalyzer("en", []).Stem,
            ["es"] = new Knowledge.Matching.TextAnalyzer("es", []).Stem,
        };
        PhraseList<(EmergencyRule Rule, string Language, string[] Phrase)> Signs(Func<EmergencyRule, LanguageMap<string>> of) =>
            new(rules.Emergencies.SelectMany(rule => of(rule).All()
                .SelectMany(s => (rule.AnyPerson ? SignPersons.Of(Split(s.Item), s.Language) : [Split(s.Item)]).Select(phrase => (rule, s.Language, phrase)))), s => s.Phrase);
        _signs = Signs(rule => rule.Signs);
        _signsWhenNow = Signs(rule => rule.SignsWhenNow);
        _signsWithCrisis = Signs(rule => rule.SignsWithCrisis);
        _withCrisisTogether = [.. rules.Emergencies.SelectMany(rule => rule.WithCrisisTogether.Select(pair =>
            (rule, Phrases(pair.First), new PhraseList<(string Language, string[] Phrase)>(pair.Second.All().Select(s => (s.Language, Split(s.Item))), s => s.Phrase))))];
        _context = Signs(rule => rule.Context);
        _chosenWith = Signs(rule => rule.ChosenWith);
        var crisisPhrases = AlsoReported(rules.Crisis.Signs).ToList();
        _crisis = new(crisisPhrases.Select(c => (c.Language, c.Phrase)), c => c.Phrase);
        _reportedCrisis = [.. crisisPhrases.Index().Where(c => c.Item.Reported).Select(c => c.Index)];
        _firstPersonWords = PersonWords(rules.Crisis.WriterWords);
        _thirdPersonWords = PersonWords(rules.Crisis.SomeoneElseWords);
        _together = [.. rules.Crisis.Together.Select(pair => (new PhraseList<(string Language, string[] Phrase)>(pair.First.All().Select(s => (s.Language, Split(s.Item))), a => a.Item2), Phrases(pair.Second)))];
        _notCrisis = new(AlsoReported(rules.Crisis.NotCrisis, inSpanish: false).Select(c => (c.Language, c.Phrase)), c => c.Phrase);
        _anotherPersonsSuicide = Phrases(rules.Crisis.AnotherPersonsSuicide);
        _speaksOfOneself = Phrases(rules.Crisis.SpeaksOfOneself);
        _now = Phrases(rules.Now);
        _nowWeak = Phrases(rules.NowWeak);
        _nowExcept = new(rules.NowExcept.All().Select(s => Split(s.Item)));
        _signsExcept = new(rules.SignsExcept.All().Select(s => Split(s.Item)));
        _longAgoExcept = new(rules.LongAgoExcept.All().Select(s => Split(s.Item)));
        _present = Phrases(rules.Present);
        _conditionalExcept = new(rules.ConditionalExcept.All().Select(s => Split(s.Item)));
        _questionExcept = new(rules.QuestionExcept.All().Select(s => Split(s.Item)));
        _supposedOfAnyone = new(rules.SupposedOfAnyone.All().Select(s => Split(s.Item)));
        _question = Phrases(rules.Question);
        _people = Phrases(rules.People);
        _conditional = Phrases(rules.Conditional);
        _notNow = Phrases(rules.NotNow);
        _notNowUndone = Phrases(rules.NotNowUndone);
        _past = Phrases(rules.Past);
        _longAgo = Phrases(rules.LongAgo);
        _laughter = new(rules.Laughter.All().Select(s => Split(s.Item)));
        _useTalk = Phrases(rules.Crisis.UseTalk);
        _realQuestion = new(rules.RealQuestion.All().Select(s => Split(s.Item)));
        _spanishForms = new SpanishColloquialForms(new HashSet<string>(
            rules.Emergencies.SelectMany(rule => rule.Signs.For("es").Concat(rule.SignsWhenNow.For("es")))
                .Concat(rules.Crisis.Signs.For("es")).Concat(rules.Now.For("es")).SelectMany(Split),
            StringComparer.Ordinal));
        _followUps = new(rules.AfterEmergency.SelectMany(f => f.Phrases.All().Select(p => (FollowUp: f, Phrase: Split(p.Item)))), f => f.Phrase);
    }

    private Dictionary<string, HashSet<string>> PersonWords(LanguageMap<string> words) =>
        words.All().GroupBy(w => w.Language).Where(w => _stemmers.ContainsKey(w.Key))
            .ToDictionary(w => w.Key, w => new HashSet<string>(w.Select(x => x.Item).Concat(w.Select(x => _stemmers[w.Key](x.Item))), StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>
    /// Crisis phrases in stems, each also as someone else reports it ("he wishes he never woke up"). Not the Spanish
    /// not-crisis phrases: their "me" is often someone else's object ("mi mamá me va a matar"), which "se" would make a
    /// crisis ("se va a matar").
    /// </summary>
    private IEnumerable<(string Language, string[] Phrase, bool Reported)> AlsoReported(LanguageMap<string> phrases, bool inSpanish = true)
    {
        (string Language, string[] Phrase, bool Reported) Stemmed(string language, string[] words, bool reported) =>
            (language, words.Select(_stemmers[language]).ToArray(), reported);

        // The written phrases first: a variant that is also written ("que cuide a su perro" from "... a mi perro") stays written.
        var written = phrases.All().Select(s => Stemmed(s.Language, Split(s.Item), reported: false));
        var reported = phrases.All().Where(s => inSpanish || s.Language != "es")
            .SelectMany(s => ReportedSpeech.ThirdPersonOf(Split(s.Item), s.Language).Select(words => Stemmed(s.Language, words, reported: true)));
        return written.Concat(reported).DistinctBy(c => (c.Language, string.Join(' ', c.Phrase)));
    }

    private static PhraseList<string[]> Phrases(LanguageMap<string> map) => new(map.All().Select(s => Split(s.Item)), phrase => phrase);

    public bool HasNet => _net is not null;

    /// <summary>The follow-up a message is, right after an emergency reply ("i dont have narcan"), or null.</summary>
    public EmergencyFollowUp? FollowUpOf(string text) => FollowUpOf(TextNormalizer.Tokens(text));

    private EmergencyFollowUp? FollowUpOf(IReadOnlyList<string> tokens)
    {
        return _followUps.TryFirst(tokens, _knownWords, out var followUp) ? followUp.FollowUp : null;
    }

    /// <summary>
    /// The rules first (fast, readable, tested phrase by phrase); when they find no emergency, the labelled neighbours
    /// of the message's meaning may still find one, or a crisis. The vector is asked for only then.
    /// </summary>
    /// <param name="leaveOut">A labelled example's text that does not vote: how the net reads one of its own examples without it.</param>
    /// <param name="vectorOfPart">Encodes one sentence of a longer message, for the crisis heard in one sentence; null: the whole message only.</param>
    public SafetyAssessment Assess(string text, Func<float[]>? vector = null, string? leaveOut = null, Func<string, float[]>? vectorOfPart = null)
    {
        // The rules read "ta azulito" as "esta azul" and "cannot" as "cant"; the vector stays the typed message's.
        text = EnglishNegations.ReadBack(_spanishForms.ReadBack(text));
        var byRules = AssessByRules(text);
        // A short "ok shes breathing now" continues an emergency (or tells one is over): its meaning sits next to
        // emergencies, so only the rules may make it a new one. A longer story that mentions "no narcan" still gets a vote.
        if (byRules.Kind == SafetyKind.Emergency || _net is null || vector is null || !IsWorthANeighbourVote(text) || IsShortFollowUp(text))
        {
            return byRules;
        }

        var detected = Knowledge.Matching.LanguageDetector.Detect(text);
        // Encoded once: the vote, the read-out and the nearest emergency kind all read the same vector.
        var messageVector = vector();
        var vote = _net.Vote(messageVector, detected ?? "en", byRules.Framing?.Question == true || AsksSomething(text), leaveOut);
        if (byRules.Kind == SafetyKind.None && vote.Label is null && vectorOfPart is not null
            && CrisisShareOf(vote) >= _net.Options.CrisisShareToHearASentence
            && CrisisInASentence(text, vectorOfPart, detected ?? "en", leaveOut) is { } heard)
        {
            vote = heard;
        }

        // The read-out is taken whenever there is a vote: it judges only what the vote leaves open, and explain shows it always.
        var read = _net.Read(messageVector);
        return Decide(text, byRules, vote, read, detected, messageVector, vectorOfPart, leaveOut) with { Readout = read };
    }

    /// <summary>The rules' finding, the neighbours' vote and the read-out, weighed together.</summary>
    private SafetyAssessment Decide(string text, SafetyAssessment byRules, SituationVote vote, ReadoutScores? read, string? detected, float[] messageVector, Func<string, float[]>? vectorOfPart, string? leaveOut)
    {
        if (byRules.Kind == SafetyKind.None && vote is { Label: null, Decisive: false, ClearlyOrdinary: false } && vectorOfPart is not null
            && LeansToAnEmergency(vote, read) && TellsAnythingNow(byRules.Framing)
            && EmergencyInASentence(text, vectorOfPart, detected ?? "en", leaveOut) is { } told)
        {
            var seen = ChosenBySubject(TextNormalizer.Tokens(text)) ?? _rules.Emergencies.First(e => e.Name == told.Label);
            return new SafetyAssessment(SafetyKind.Emergency, seen.Name, seen.Reply, detected ?? told.Neighbours[0].Example.Language, AlsoCrisis: seen.AlsoCrisis,
                Source: SafetySource.Neighbours, Vote: told, Framing: byRules.Framing);
        }

        if (byRules.Kind == SafetyKind.Crisis && IsAJokeToldAsOver(text, byRules.Framing, vote))
        {
            return SafetyAssessment.None with { Framing = byRules.Framing, Vote = vote };
        }

        // A joint vote says "at least a crisis"; when the rules already heard one ("been thinking about taking all my pills"),
        // it cannot tell a plan from a taken overdose, so the crisis stands.
        // A vote for an emergency that is not also a crisis needs a clear share to overrule a crisis the rules heard: "estoy solo
        // ... hay veneno en la bodega y estoy pensando en tomármelo" is a plan (overdosing alone 0.60), while "gave him one narcan
        // ... hes still not waking up" is an overdose whatever a crisis phrase made of "not wake up" (0.82). Its neighbours must
        // also be close: "told me hes got his affairs in order ... sitting in the garage" is a plan, whatever the drinking in it
        // brings near (alcohol-withdrawal seizures at 0.55).
        // The read-out judges only what the neighbours left open: not a message nearly the same as an example, nor one whose
        // nearest example is ordinary and clearly nearer than any emergency or crisis ("im just a junkie" is a listed
        // phrasing, and a linear read-out does not fit every example it was trained on).
        if (byRules.Kind == SafetyKind.None && vote is { Label: null, Decisive: false, ClearlyOrdinary: false } && read is not null)
        {
            return ReadOut(text, byRules, vote, read, detected, messageVector);
        }

        if (vote.Label is null or Situations.OffTopic
            || (byRules.Kind == SafetyKind.Crisis
                && (vote.Joint || (vote.Label != Situations.Crisis && !_net!.IsAlsoCrisis(vote.Label)
                    && (vote.Share < _net!.Options.EmergencyShareOverCrisis || ClosestOf(vote, vote.Label) < _net!.Options.EmergencyOverCrisisSimilarity)))))
        {
            return byRules with { Vote = vote };
        }

        var language = detected ?? vote.Neighbours[0].Example.Language;
        var framing = byRules.Framing;
        if (vote.Label == Situations.Crisis)
        {
            if (framing is { LongAgo: true, NotNow: true, Now: false })
            {
                return byRules with { Vote = vote };
            }

            // A message that asks something, supposes or says it is not serious ("this batch is killer lol where can i test
            // it") needs a clearer vote to be read as a crisis: such messages sit between the crisis examples and the questions.
            // Or a second witness: the read-out of the whole bank hearing a crisis too ("whats the best way to say bye to my kids
            // without them knowing its bye": a vote of 0.61, a read-out of 0.75; the questions held back sit at 0.46 or less).
            if (framing is { Now: false } && (framing.Question || framing.Conditional || framing.NotNow || AsksSomething(text)) && vote.Share < _net!.Options.CrisisShareWhenAsked
                && !(read is not null && read.Crisis >= _net.Options.ReadoutConfirmsACrisis))
            {
                return byRules with { Vote = vote };
            }

            // A crisis the neighbours heard, told with something already taken ("took all my seroquel and the rest of my subs.
            // just wanted u to know"), is an overdose taken on purpose, as when the rules hear the crisis; told of someone high
            // on a stimulant who hears pursuers, it is a psychosis with danger now.
            var tokens = TextNormalizer.Tokens(text);
            if (byRules.Kind != SafetyKind.Crisis && framing is { LongAgo: false } && TakenSigns(tokens, framing) is [var taken, ..])
            {
                return new SafetyAssessment(SafetyKind.Emergency, taken.Rule.Name, taken.Rule.Reply, language, AlsoCrisis: true, Source: SafetySource.Neighbours, Vote: vote, Framing: framing,
                    CrisisReply: SignsTogetherWithACrisis(tokens, framing).Count > 0 ? _rules.Crisis.ReplyForSomeoneElse : null);
            }

            return byRules.Kind == SafetyKind.Crisis
                ? byRules with { Vote = vote }
                : new SafetyAssessment(SafetyKind.Crisis, "crisis", _rules.Crisis.Reply, language, Source: SafetySource.Neighbours, Vote: vote, Framing: byRules.Framing);
        }

        // With nothing saying it is happening now, the vote alone does not make an emergency of a conditional or a fear
        // ("how do you tell if someone is ODing", "tengo miedo que se muera"), nor of a question about something over
        // ("hes fine today, was that an overdose?") or a recent scare, nor of anything told as not happening ("jaja", "im
        // ok now"), unless what was taken acts late (pills taken on purpose, a swallowed pill). The rules still catch any
        // sign of a real one in it.
        var rule = ChosenBySubject(TextNormalizer.Tokens(text)) ?? _rules.Emergencies.First(e => e.Name == vote.Label);
        // A story whose background is long ago or supposed ("he got out of a program in august") and whose last part tells
        // the present ("...and now hes on the bed, lips purple") is judged by that last part.
        if (framing is not null && RefusesAVote(framing, rule) && PresentTail(text) is { } tail && !RefusesAVote(tail.Framing, rule))
        {
            framing = tail.Framing;
        }

        // A question mark counts as asking here too: "el sábado pasado usé perico en una fiesta. ¿Cuántos días dura en la orina?"
        var asks = framing is not null && (framing.Question || AsksSomething(text));
        if (framing is { Now: false } && (framing.Conditional || (framing.NotNow && !rule.UrgentWhenPast) || (asks && (framing.NotNow || (framing.Past && !rule.UrgentWhenPast)))))
        {
            return byRules with { Vote = vote };
        }

        // Told as weeks or more ago, with nothing saying it is back, it is not an emergency now; an overdose taken on
        // purpose back then is still a crisis ("last month i took pills hoping not to wake up").
        if (framing is { Now: false, LongAgo: true })
        {
            return rule.AlsoCrisis && byRules.Kind != SafetyKind.Crisis
                ? new SafetyAssessment(SafetyKind.Crisis, "crisis", _rules.Crisis.Reply, language, Source: SafetySource.Neighbours, Vote: vote, Framing: framing)
                : byRules with { Vote = vote };
        }

        return new SafetyAssessment(SafetyKind.Emergency, rule.Name, rule.Reply, language,
            AlsoCrisis: byRules.Kind == SafetyKind.Crisis || rule.AlsoCrisis, Source: SafetySource.Neighbours, Vote: vote, Framing: byRules.Framing);
    }

    /// <summary>
    /// A message that neither the rules nor the neighbours flagged, judged by the read-out of the whole bank.
    /// A crisis when its crisis probability is high, higher still when the message asks, supposes or says it is not
    /// serious, whatever says now; never when it is told as long over, laughed at, says what it is not ("no me quiero morir", "just curious")
    /// or talks of using itself: less, stopping, or alone (<c>use_talk</c>).
    /// An emergency only when its emergency probability is very high and the message tells the present plainly, asking
    /// nothing and looking back at nothing: the rules and the neighbours read signs better, so this catches what neither
    /// knew to read ("my sister está en el piso shaking como seizure, se tomo like 3 de las pastillas del ADHD y molly").
    /// </summary>
    private SafetyAssessment ReadOut(string text, SafetyAssessment byRules, SituationVote vote, ReadoutScores read, string? detected, float[] vector)
    {
        var framing = byRules.Framing;
        var options = _net!.Options;
        var language = detected ?? (vote.Neighbours.Count > 0 ? vote.Neighbours[0].Example.Language : "en");
        var tokens = TextNormalizer.Tokens(text);
        // Unlike an emergency's, a crisis's "now" does not make a question a plea: "ahora está con su mamá, pero no sé cómo
        // volver a sacar el tema. ¿Cómo la puedo apoyar?" asks how to help a friend.
        var asks = framing is not null && (framing.Question || framing.Conditional || framing.NotNow || AsksSomething(text));
        var tellsThePresent = framing is null || framing.Now
            || !(framing.Question || framing.Conditional || framing.Past || framing.NotNow || framing.LongAgo || AsksSomething(text));
        if (read.Emergency >= options.ReadoutEmergencyAt && tellsThePresent)
        {
            var rule = ChosenBySubject(tokens) ?? _rules.Emergencies.First(e => e.Name == (_net.NearestEmergency(vector) ?? _rules.Emergencies[0].Name));
            return new SafetyAssessment(SafetyKind.Emergency, rule.Name, rule.Reply, language, AlsoCrisis: rule.AlsoCrisis, Source: SafetySource.Readout, Vote: vote, Framing: framing, Readout: read);
        }

        var needed = asks ? options.ReadoutCrisisWhenAsked : options.ReadoutCrisisAt;
        if (read.Crisis < needed || framing is { LongAgo: true, NotNow: true, Now: false } || SaysWhatItIsNot(tokens))
        {
            return byRules with { Vote = vote, Readout = read };
        }

        return new SafetyAssessment(SafetyKind.Crisis, "crisis", _rules.Crisis.Reply, language, Source: SafetySource.Readout, Vote: vote, Framing: framing, Readout: read);
    }

    /// <summary>Laughter, a not-crisis phrase or talk of using itself: what keeps the read-out alone from a crisis.</summary>
    private bool SaysWhatItIsNot(IReadOnlyList<string> tokens) =>
        _laughter.Without(tokens).Count != tokens.Count
        || ExplainedAway(tokens, StemsOf(tokens)).Contains(true)
        || _useTalk.Any(tokens, _knownWords, maxGap: 0);

    /// <summary>
    /// A crisis said calmly in one sentence of a longer message about something else: "If I leave my truck and my dog to my
    /// nephew does that need to be in writing? Don't want a mess after I'm gone." The whole message's meaning is mostly its
    /// practical question, so most of its neighbours are questions; the sentence alone sits among the crisis examples.
    /// Asked only when the whole message's neighbours lean toward a crisis already (<see cref="SafetyNetOptions.CrisisShareToHearASentence"/>).
    /// Each sentence (or, in a run-on message, each clause) of three words or more then votes on its own, with its own
    /// framing, and counts only when every one of its neighbours is a crisis: short sentences sit close to the crisis
    /// examples easily ("I have about $500 saved" has crisis neighbours too), so both kinds of evidence are needed. The whole
    /// message's framing then judges it like any crisis vote. Only a crisis: one sentence of a story that is over ("he
    /// wasn't breathing") sounds like an emergency on its own.
    /// </summary>
    private SituationVote? CrisisInASentence(string text, Func<string, float[]> vectorOfPart, string language, string? leaveOut)
    {
        var parts = SentenceBreak().Split(text).Where(p => TextNormalizer.Tokens(p).Count >= MinWordsInAPart).ToList();
        if (parts.Count < 2)
        {
            parts = ClauseBreak().Split(text).Where(p => TextNormalizer.Tokens(p).Count >= MinWordsInAPart).ToList();
        }

        if (parts.Count < 2)
        {
            return null;
        }

        foreach (var part in parts.Take(MaxPartsVoting))
        {
            var framing = FramingOf(TextNormalizer.Tokens(part));
            var vote = _net!.Vote(vectorOfPart(part.Trim()), language, framing.Question || AsksSomething(part), leaveOut);
            if (vote.Label == Situations.Crisis && vote.Neighbours.All(n => n.Example.Label == Situations.Crisis))
            {
                return vote with { Part = part.Trim() };
            }
        }

        return null;
    }

    /// <summary>
    /// An emergency told in one sentence of a longer story: "I came in this morning for my shift ... The doctor just added
    /// gabapentin last week ... I rubbed his chest hard and he kind of groaned, and his breathing is like one breath every few
    /// seconds with a long gap ... Is this just him being tired or what am I supposed to do right now?" The whole message's
    /// meaning is mostly its background and its question; the one sentence that tells what is seen sits among the
    /// emergencies. Each sentence of four words or more then votes on its own and counts only when it tells, plainly, what is
    /// (its own framing asks nothing, supposes nothing, looks back at nothing), every one of its neighbours is an emergency
    /// (or one nearly the same decides), and the read-out hears the sentence as an emergency at
    /// <see cref="SafetyNetOptions.ReadoutEmergencyAt"/>. Short sentences of worried stories sit among the emergencies easily
    /// ("He's feeling sick now", "My daughter is 19 and I'm pretty sure she's using pills": every neighbour an emergency, a
    /// read-out of 0.40 and 0.71), so all three are needed. Off with the read-out.
    /// </summary>
    private SituationVote? EmergencyInASentence(string text, Func<string, float[]> vectorOfPart, string language, string? leaveOut)
    {
        var parts = SentenceBreak().Split(text).Where(p => TextNormalizer.Tokens(p).Count >= MinWordsInATellingPart).ToList();
        if (parts.Count < 2)
        {
            return null;
        }

        foreach (var part in parts.Take(MaxPartsVoting))
        {
            var framing = FramingOf(TextNormalizer.Tokens(part));
            if (framing.Question || framing.Conditional || framing.Past || framing.NotNow || framing.LongAgo || AsksSomething(part))
            {
                continue;
            }

            var vector = vectorOfPart(part.Trim());
            var vote = _net!.Vote(vector, language, framedAsQuestion: false, leaveOut);
            if (vote.Label is { } label && label != Situations.Crisis && label != Situations.OffTopic
                && (vote.Decisive || vote.Neighbours.All(n => SituationReadout.SideOf(n.Example.Label) == SituationReadout.EmergencySide))
                && _net.Read(vector) is { } read && read.Emergency >= _net.Options.ReadoutEmergencyAt)
            {
                return vote with { Part = part.Trim() };
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the whole message's evidence leans toward an emergency enough to hear its sentences one by one: an emergency
    /// among its nearest examples, or a read-out that gives an emergency at least <see cref="SafetyNetOptions.EmergencyLeanToHearASentence"/>.
    /// </summary>
    private bool LeansToAnEmergency(SituationVote vote, ReadoutScores? read) =>
        vote.Neighbours.Any(n => SituationReadout.SideOf(n.Example.Label) == SituationReadout.EmergencySide)
        || (read is not null && read.Emergency >= _net!.Options.EmergencyLeanToHearASentence);

    /// <summary>A story whose whole is told as long ago or over, or supposed, with nothing saying now, is not heard sentence by sentence.</summary>
    private static bool TellsAnythingNow(MessageFraming? framing) =>
        framing is null || framing.Now || !(framing.LongAgo || framing.NotNow || framing.Conditional);

    private const int MinWordsInATellingPart = 4;

    private static double ClosestOf(SituationVote vote, string label) =>
        vote.Neighbours.Where(n => n.Example.Label == label).Select(n => n.Similarity).DefaultIfEmpty(0).Max();

    private static double CrisisShareOf(SituationVote vote)
    {
        var total = vote.Neighbours.Sum(n => Math.Max(0, n.Similarity));
        return total <= 0 ? 0 : vote.Neighbours.Where(n => n.Example.Label == Situations.Crisis).Sum(n => Math.Max(0, n.Similarity)) / total;
    }

    private const int MinWordsInAPart = 3;

    // A long web message has many sentences; each costs an encoding, and a crisis is rarely said past the eighth.
    private const int MaxPartsVoting = 8;

    /// <summary>
    /// Crisis words laughed at, told as over and followed by a question, that the neighbours all hear as a question: "my friend
    /// said she wants to die but like in a 'this midterm' way lol, shes fine. but how do you ask someone if they're actually
    /// suicidal". Without the laughter, the reassurance, the question or that clear vote, the crisis stands.
    /// </summary>
    private bool IsAJokeToldAsOver(string text, MessageFraming? framing, SituationVote vote)
    {
        if (framing is not { NotNow: true, Now: false, LongAgo: false } || !(framing.Question || AsksSomething(text)) || vote.Label is not null || vote.Neighbours.Count == 0)
        {
            return false;
        }

        // Laughter alone reads as "not now" too; the reassurance must be said in words ("shes fine").
        var tokens = TextNormalizer.Tokens(text);
        var withoutLaughter = _laughter.Without(tokens);
        if (withoutLaughter.Count == tokens.Count || !_notNow.Any(withoutLaughter, _knownWords, maxGap: 0))
        {
            return false;
        }

        var total = vote.Neighbours.Sum(n => Math.Max(0, n.Similarity));
        var none = vote.Neighbours.Where(n => n.Example.Label == Situations.None).Sum(n => Math.Max(0, n.Similarity));
        return total > 0 && none / total >= _net!.Options.NoneShareForAJoke;
    }

    /// <summary>
    /// The signs that make a crisis an emergency too: something just taken ("took all", "me tomé": an overdose taken on
    /// purpose), or, in a message about someone, a pair of an emergency's <c>with_crisis_together</c> lists (high on a
    /// stimulant and hearing voices). The writer's own voices are not read so: "i want to die. been clean from meth for a
    /// year but the voices in my head say im worthless" is a crisis.
    /// </summary>
    private List<(EmergencyRule Rule, string Language, string[] Phrase)> TakenSigns(IReadOnlyList<string> tokens, MessageFraming? framing) =>
        [.. _signsWithCrisis.Where(_signsExcept.Blanked(tokens), _knownWords), .. SignsTogetherWithACrisis(tokens, framing)];

    /// <summary>The second phrases of the <c>with_crisis_together</c> pairs a message about someone holds both of.</summary>
    private List<(EmergencyRule Rule, string Language, string[] Phrase)> SignsTogetherWithACrisis(IReadOnlyList<string> tokens, MessageFraming? framing)
    {
        var found = new List<(EmergencyRule Rule, string Language, string[] Phrase)>();
        if (framing is not { AboutSomeone: true })
        {
            return found;
        }

        var blanked = _signsExcept.Blanked(tokens);
        foreach (var (rule, first, second) in _withCrisisTogether)
        {
            if (first.Any(blanked, _knownWords) && second.TryFirst(blanked, _knownWords, out var sign))
            {
                found.Add((rule, sign.Language, sign.Phrase));
            }
        }

        return found;
    }

    private bool IsShortFollowUp(string text)
    {
        var tokens = TextNormalizer.Tokens(text);
        return tokens.Count <= 6 && FollowUpOf(tokens) is not null;
    }

    private static readonly HashSet<string> QuestionOpeners = new(["cual", "cuales", "quien", "quienes", "donde", "cuando", "cuanto", "cuanta", "cuantos", "cuantas", "what", "which", "where", "when", "who", "why", "how"], StringComparer.Ordinal);

    /// <summary>Whether a text asks something or supposes it ("what do i do if someone on flakka gets super hot").</summary>
    public static bool AsksOrSupposes(string text, MessageFraming? framing) =>
        framing is { Question: true } or { Conditional: true } || AsksSomething(text);

    /// <summary>A question mark, or a message that opens with a question word other than "que" and "como" (which open pleas for help too: "que hago").</summary>
    private static bool AsksSomething(string text) =>
        text.Contains('?') || text.Contains('¿') || (TextNormalizer.Tokens(text) is { Count: > 0 } tokens && QuestionOpeners.Contains(tokens[0]));

    /// <summary>A command, a menu number or a lone word is not a situation: the rules alone judge it, and no vector is computed.</summary>
    private static bool IsWorthANeighbourVote(string text) =>
        TextNormalizer.Tokens(text) is { Count: >= 2 } tokens && tokens.Count(t => t.Any(char.IsLetter)) >= 2;

    private SafetyAssessment AssessByRules(string text)
    {
        var tokens = TextNormalizer.Tokens(text);
        if (tokens.Count == 0)
        {
            return SafetyAssessment.None;
        }

        var stems = StemsOf(tokens);
        // Someone else's reassurance ("now hes saying hes fine and wants to leave") does not make the rules' signs past; the
        // neighbours' vote reads it as before, where it keeps worried questions ("she says shes fine but...") from alarming.
        var framing = FramingOf(tokens, out var reassuredByOthers);
        var voteFraming = reassuredByOthers ? framing with { NotNow = true, Now = false, AboutSomeone = false } : framing;
        // A not-crisis phrase ("dont want to die", "dying to") explains away the crisis phrases it shares a word with, not
        // the others: "i keep hurting myself ... i dont exactly want to die" is still self-harm.
        // The words are compared by position, so a Spanish not-crisis phrase ("prevencion del suicidio") also explains away
        // an English crisis phrase that the same word matched ("suicide" in "suicidio").
        var explained = ExplainedAway(tokens, stems);
        var crisisSign = FirstCrisisSign(stems, explained);
        if (crisisSign.Phrase is null && CrisisSaidTogether(tokens) is { } asked)
        {
            crisisSign = asked;
        }

        // A not-crisis phrase anywhere ("just curious", "for a school project") says what the question is for.
        if (crisisSign.Phrase is null && !explained.Contains(true) && LethalQuestionBesideTheWriter(text, tokens, framing) is { } beside)
        {
            crisisSign = beside;
        }

        var crisis = crisisSign.Phrase is null ? null : crisisSign.Language;
        // "I was suicidal last year, I'm in a better place now": told as over, long ago, with nothing saying it is back.
        // A grief or a reassurance told before the crisis words does not tell them over: "mi hijo murió de sobredosis en
        // agosto y yo solo quiero irme con él".
        if (crisis is not null && framing is { LongAgo: true, NotNow: true } && !IsSaidAfterEveryNotNow(tokens, stems[crisis], crisisSign.Phrase!))
        {
            crisis = null;
        }

        // A joke, laughed at, then a turn to a real question: the crisis words are the joke's when the question has none.
        if (crisis is not null && RealQuestionAfterAJoke(tokens) is { } realQuestion && CrisisSigns(StemsOf(realQuestion)).Count == 0)
        {
            crisis = null;
        }

        // A sign made of a matched crisis phrase's own words is that phrase, not a second finding: "been thinking about just
        // not waking up" is a thought (crisis), not someone who is not waking up (an overdose). Told of someone else now, it is
        // what is seen: "friend took g and was drinking now shes throwing up and not waking up".
        var crisisWords = crisis is null || (framing.Now && _people.Any(tokens, _knownWords))
            ? []
            : CrisisSigns(stems, firstPersonOnly: true).SelectMany(c => c.Phrase.Select(word => (c.Language, word))).ToList();
        bool PartOfCrisis((EmergencyRule Rule, string Language, string[] Phrase) sign) =>
            crisisWords.Count > 0 && _stemmers.Any(stemmer => sign.Phrase.All(word => crisisWords.Any(c => c.Language == stemmer.Key && c.word == stemmer.Value(word))));

        var signTokens = _signsExcept.Blanked(tokens);
        var hits = _signs.Where(signTokens, _knownWords, s => !PartOfCrisis(s));
        // Someone in crisis who says they just took or shot something has taken it: 911 first, then the crisis line.
        // Crisis talk is never "just a question", so only a long-ago story keeps these from counting.
        var crisisHits = crisis is not null && !framing.LongAgo
            ? TakenSigns(tokens, framing)
            : [];

        var weakHits = _signsWhenNow.Where(signTokens, _knownWords, s => !PartOfCrisis(s));
        if (hits.Count > 0 || weakHits.Count > 0 || crisisHits.Count > 0)
        {
            hits = hits.Where(h => !framing.Blocks(h.Rule) || SaidOfSomeoneInAQuestion(signTokens, h.Phrase, framing)).Concat(crisisHits).ToList();

            // Words like "od" count only when the message says it is happening now and asks nothing. Said with a crisis,
            // they do not make an emergency of it: "estoy solo ... estoy pensando en tomármelo" is a plan, nothing taken.
            // A question mark asks too, unless something says now: "mi hermano conoce a alguien con sobredosis de tranq, la
            // naloxona le sirve?" names the topic; a sign of its own ("no despierta") still makes an emergency of any message.
            if (hits.Count == 0 && crisis is null && framing.AboutSomeone && !framing.Question && !framing.Conditional && !framing.LongAgo
                && (framing.Now || !AsksSomething(text)))
            {
                hits = weakHits.Where(h => !(framing.Past || framing.NotNow) || h.Rule.UrgentWhenPast).ToList();
            }

            // A sign told before a supposition is told as a fact: "hes not breathing what do i do if i dont have narcan",
            // "se puso morada y no respira, que hago si no tengo narcan". Only what follows the "if" is supposed.
            // The lead must tell, not ask or look back: "my dog almost ate my friends pills yesterday... what should i do if it
            // happens for real", "¿la naloxona es solo para gente que se está muriendo? ¿y si..." are questions; and a lead read
            // with its "if" as not now ("am i gonna die if i go back to using") tells no fact. Only the lead and its "if" count:
            // "hes not breathing what do i do if he seems fine after narcan" supposes the reassurance, not the sign.
            if (hits.Count == 0 && framing.Conditional && LeadBeforeSupposition(text, tokens) is { Count: > 0 } lead
                && FramingOf(lead) is { Question: false, Past: false, NotNow: false, LongAgo: false } leadFraming
                && !FramingOf(tokens.Take(lead.Count + 2).ToList()).NotNow)
            {
                hits = _signs.Where(_signsExcept.Blanked(lead), _knownWords, s => !PartOfCrisis(s) && !leadFraming.Blocks(s.Rule));
                framing = hits.Count > 0 ? leadFraming : framing;
            }

            // The whole message reads as long ago or supposed, but its last part may tell the present: judge that part alone.
            if (hits.Count == 0 && (PresentTail(text) ?? PresentTailAfterAConjunction(text, framing)) is { } tail)
            {
                hits = _signs.Where(_signsExcept.Blanked(tail.Tokens), _knownWords, s => !PartOfCrisis(s) && !tail.Framing.Blocks(s.Rule));
                if (hits.Count == 0 && tail.Framing is { AboutSomeone: true, Question: false, Conditional: false, LongAgo: false })
                {
                    hits = _signsWhenNow.Where(_signsExcept.Blanked(tail.Tokens), _knownWords, s => !PartOfCrisis(s) && (!(tail.Framing.Past || tail.Framing.NotNow) || s.Rule.UrgentWhenPast));
                }

                framing = hits.Count > 0 ? tail.Framing : framing;
            }

            // A time long ago said only after the signs belongs to a detail, not to what is seen: "the guest is lying across
            // the bed, breathing really slow ... They gave us naloxone spray last month and I have one".
            if (hits.Count == 0 && framing is { LongAgo: true, Conditional: false, NotNow: false } && SignsBeforeALongAgoDetail(text, s => !PartOfCrisis(s)) is { } told)
            {
                hits = told.Hits;
                framing = told.Framing;
            }

            if (hits.Count > 0)
            {
                var (rule, phrase, languages) = KindOf(tokens, hits);
                var language = LanguageOf(text, languages);
                return new SafetyAssessment(SafetyKind.Emergency, rule.Name, rule.Reply, language, AlsoCrisis: crisis is not null || rule.AlsoCrisis, Source: SafetySource.Rules, Framing: framing,
                    Phrase: phrase, CrisisReply: crisis is not null && IsSomeoneElsesCrisis(stems, framing, crisisSign) ? _rules.Crisis.ReplyForSomeoneElse : null);
            }
        }

        return crisis is not null
            ? new SafetyAssessment(SafetyKind.Crisis, "crisis", IsSomeoneElsesCrisis(stems, framing, crisisSign) ? _rules.Crisis.ReplyForSomeoneElse! : _rules.Crisis.Reply,
                LanguageOf(text, [crisis]), Source: SafetySource.Rules, Framing: voteFraming, Phrase: string.Join(' ', crisisSign.Phrase!))
            : SafetyAssessment.None with { Framing = voteFraming };
    }

    /// <summary>
    /// A sign said of someone with a verb of being ("guy behind the shed is unresponsive ... whats the fastest thing to do"),
    /// in a message that only asks: the verb has a subject, so someone is there, whoever the people list names or not. Not
    /// in a supposition, a story told as past or over, or one long ago ("what if someone is unresponsive" stays a question).
    /// </summary>
    private bool SaidOfSomeoneInAQuestion(IReadOnlyList<string> tokens, string[] phrase, MessageFraming framing)
    {
        if (framing is not { Question: true, AboutSomeone: false, Conditional: false, Past: false, NotNow: false, LongAgo: false })
        {
            return false;
        }

        var at = PhraseMatcher.FirstStart(tokens, phrase, _knownWords);
        return at >= 2 && BeingVerbs.Contains(tokens[at - 1]) && !NotAPerson.Contains(tokens[at - 2]);
    }

    private static readonly HashSet<string> BeingVerbs = new(StringComparer.Ordinal) { "is", "isnt", "looks", "seems", "went", "turned", "turning", "got", "getting", "keeps" };

    // "what is unresponsive", "is it unresponsive", "who is": the verb's subject is a question word or a thing.
    private static readonly HashSet<string> NotAPerson = new(StringComparer.Ordinal) { "what", "whats", "who", "which", "why", "how", "it", "that", "this", "there", "someone", "somebody", "person", "anyone", "anybody" };

    /// <summary>The message's words in the stems of each language the crisis phrases are written in.</summary>
    private Dictionary<string, IReadOnlyList<string>> StemsOf(IReadOnlyList<string> tokens)
    {
        var stems = new Dictionary<string, IReadOnlyList<string>>(_stemmers.Count, StringComparer.Ordinal);
        foreach (var (language, stem) in _stemmers)
        {
            var stemmed = new string[tokens.Count];
            for (var i = 0; i < stemmed.Length; i++)
            {
                stemmed[i] = stem(tokens[i]);
            }

            stems[language] = stemmed;
        }

        return stems;
    }

    /// <summary>
    /// A crisis said by two kinds of words in one message, wherever they are: a question about what amount kills and words
    /// saying it is for the writer; things left to others and a goodbye. The first list's phrase, in stems as crisis phrases
    /// are, or null.
    /// </summary>
    private (string Language, string[] Phrase)? CrisisSaidTogether(IReadOnlyList<string> tokens)
    {
        foreach (var (first, second) in _together)
        {
            if (second.Any(tokens, _knownWords) && first.TryFirst(tokens, _knownWords, out var found))
            {
                return (found.Language, found.Phrase.Select(_stemmers[found.Language]).ToArray());
            }
        }

        return null;
    }

    /// <summary>
    /// A question about what amount kills (the first pair's first list) in one sentence and the writer speaking of themself
    /// in another, in a message about no one else and not long ago: "how long does it take to die from car exhaust in a
    /// closed garage. i have a garage and im thinking about it". The words that say it is for the writer vary without end;
    /// a sentence of their own about themself says it as well. The lethal phrase, in stems, or null.
    /// </summary>
    private (string Language, string[] Phrase)? LethalQuestionBesideTheWriter(string text, IReadOnlyList<string> tokens, MessageFraming framing)
    {
        // Nearly every message says "i" somewhere; few hold a lethal question, so that is looked for first, in the whole message.
        var asksWhatKills = _together.Count > 0 ? _together[0].First : null;
        if (asksWhatKills is null || !asksWhatKills.Any(tokens, _knownWords) || framing.LongAgo || _people.Any(tokens, _knownWords))
        {
            return null;
        }

        var parts = SentenceWithItsEnd().Matches(text).Select(m => m.Value).ToList();
        var sentences = parts.Select(TextNormalizer.Tokens).ToList();
        for (var i = 0; i < sentences.Count; i++)
        {
            // The lethal words must be asked: told, "we keep getting patients who dont fully wake up" is a report.
            if (AsksSomething(parts[i]) && asksWhatKills.TryFirst(sentences[i], _knownWords, out var found)
                && sentences.Where((_, j) => j != i).Any(other => _speaksOfOneself.Any(other, _knownWords)))
            {
                return (found.Language, found.Phrase.Select(_stemmers[found.Language]).ToArray());
            }
        }

        return null;
    }

    /// <summary>
    /// A crisis told of someone else: the message is about someone, a crisis phrase in it is said in the third person, and
    /// none in the first person: "my wife left and i want to die" is the writer's own. A phrase is in a person by its own
    /// words (a first-person phrase as someone else reports it, "he wishes he never woke up", or one written so, "gave away
    /// his guns") or, when it names no one ("want to die", "end it"), by the words just before it: "she wants to die",
    /// "says hes going to end it", "dice que ya no quiere vivir".
    /// </summary>
    private bool IsSomeoneElsesCrisis(Dictionary<string, IReadOnlyList<string>> stems, MessageFraming framing, (string Language, string[] Phrase) sign)
    {
        if (_rules.Crisis.ReplyForSomeoneElse is null || !framing.AboutSomeone)
        {
            return false;
        }

        bool Has(Dictionary<string, HashSet<string>> persons, string language, IEnumerable<string> words) =>
            persons.TryGetValue(language, out var said) && words.Any(said.Contains);

        // A phrase of a pair is typed words, not stems, and its place is not kept: its own words say its person, if any.
        var first = Has(_firstPersonWords, sign.Language, sign.Phrase);
        var third = Has(_thirdPersonWords, sign.Language, sign.Phrase);
        foreach (var c in _crisis.Candidates(stems.Values, _knownWords))
        {
            var (language, phrase) = _crisis[c];
            var words = stems[language];
            foreach (var (start, _) in PhraseMatcher.Matches(words, phrase, _knownWords, GapFor(c)))
            {
                if (_reportedCrisis.Contains(c) || Has(_thirdPersonWords, language, phrase))
                {
                    third = true;
                }
                else if (Has(_firstPersonWords, language, phrase))
                {
                    first = true;
                }
                else
                {
                    var before = words.Skip(Math.Max(0, start - SubjectReach)).Take(Math.Min(start, SubjectReach)).ToList();
                    first |= Has(_firstPersonWords, language, before);
                    third |= Has(_thirdPersonWords, language, before) && !Has(_firstPersonWords, language, before);
                }
            }
        }

        return third && !first;
    }

    // "says hes going to" + "end it": the subject of a phrase that names no one is at most three words before it.
    private const int SubjectReach = 3;

    /// <summary>The first crisis phrase found in the message whose words no not-crisis phrase explains away.</summary>
    private (string Language, string[] Phrase) FirstCrisisSign(Dictionary<string, IReadOnlyList<string>> stems, bool[] explained)
    {
        foreach (var c in _crisis.Candidates(stems.Values, _knownWords))
        {
            var (language, phrase) = _crisis[c];
            var words = stems[language];
            if (PhraseMatcher.Matches(words, phrase, _knownWords, GapFor(c)).Any(match => !IsExplainedAway(words, phrase, match, explained)))
            {
                return (language, phrase);
            }
        }

        return default;
    }

    /// <summary>
    /// Whether a not-crisis phrase took one of the words of this match of a crisis phrase. Only the match's own words count:
    /// "quiero matarme pero no quiero hacerle daño a mis hijos" is a crisis whatever "no quiero hacerle daño" explains.
    /// </summary>
    private bool IsExplainedAway(IReadOnlyList<string> words, string[] phrase, (int Start, int End) match, bool[] explained)
    {
        for (var i = match.Start; i < match.End; i++)
        {
            if (explained[i] && HasWordOf(words[i], phrase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A phrase as someone else reports it is read with its words adjacent: with a word between, "gave his dog to" would be
    /// "gave his dog tags to his son".
    /// </summary>
    private int GapFor(int crisisPhrase) => _reportedCrisis.Contains(crisisPhrase) ? 0 : PhraseMatcher.MaxGap;

    /// <summary>Every crisis phrase found in the message (each read against its own language's stems), in order.</summary>
    /// <param name="firstPersonOnly">
    /// Leave out the phrases as someone else reports them: told of someone else, "slit her wrists" is what is seen (an
    /// emergency), not a thought.
    /// </param>
    private List<(string Language, string[] Phrase)> CrisisSigns(Dictionary<string, IReadOnlyList<string>> stems, bool firstPersonOnly = false)
    {
        var found = new List<(string Language, string[] Phrase)>();
        foreach (var c in _crisis.Candidates(stems.Values, _knownWords))
        {
            if ((!firstPersonOnly || !_reportedCrisis.Contains(c)) && PhraseMatcher.Contains(stems[_crisis[c].Language], _crisis[c].Phrase, _knownWords, GapFor(c)))
            {
                found.Add(_crisis[c]);
            }
        }

        return found;
    }

    private bool HasWordOf(string word, string[] phrase)
    {
        foreach (var phraseWord in phrase)
        {
            if (PhraseMatcher.SameWord(word, phraseWord, _knownWords))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The positions of the message's words that a matched not-crisis phrase (of any language, on stems) or another
    /// person's suicide told as done (on the typed words) is made of.
    /// </summary>
    private bool[] ExplainedAway(IReadOnlyList<string> tokens, Dictionary<string, IReadOnlyList<string>> stems)
    {
        var explained = new bool[tokens.Count];
        // Adjacent words only: with words in between, "ya no puedo mas, me quiero morir" would read as "no me quiero morir".
        void Explain(IReadOnlyList<string> words, string[] phrase)
        {
            foreach (var (start, end) in PhraseMatcher.Matches(words, phrase, _knownWords, maxGap: 0))
            {
                Array.Fill(explained, true, start, end - start);
            }
        }

        foreach (var a in _anotherPersonsSuicide.Candidates(tokens, _knownWords))
        {
            Explain(tokens, _anotherPersonsSuicide[a]);
        }

        foreach (var n in _notCrisis.Candidates(stems.Values, _knownWords))
        {
            var (language, phrase) = _notCrisis[n];
            Explain(stems[language], phrase);
        }

        return explained;
    }

    /// <summary>
    /// Which kind of emergency it is: each sign counts one, each context word of a kind half (at most <see cref="MaxContext"/>);
    /// on a tie, the kind with more context, then the first in the file. A kind with no sign of its own needs two context
    /// words to be chosen ("on meth ... hot as fire ... passed out").
    /// </summary>
    private (EmergencyRule Rule, string Phrase, IEnumerable<string> Languages) KindOf(IReadOnlyList<string> tokens, List<(EmergencyRule Rule, string Language, string[] Phrase)> hits)
    {
        if (ChosenBySubject(tokens) is { } subject)
        {
            var subjectHits = hits.Where(h => h.Rule == subject).ToList();
            return (subject, string.Join(' ', (subjectHits.Count > 0 ? subjectHits[0] : hits[0]).Phrase), hits.Select(h => h.Language));
        }

        var context = _context.Where(tokens, _knownWords)
            .GroupBy(c => c.Rule)
            .ToDictionary(g => g.Key, g => Math.Min(MaxContext, g.Select(c => string.Join(' ', c.Phrase)).Distinct(StringComparer.Ordinal).Count()));
        // A phrase inside another that matched too ("gonna pass out" in "feel like im gonna pass out") is one sign, not two.
        var signs = hits.GroupBy(h => h.Rule).ToDictionary(
            g => g.Key,
            g => g.Where(h => !g.Any(other => other.Phrase.Length > h.Phrase.Length && Contains(other.Phrase, h.Phrase))).ToList());
        var candidates = signs.Keys.Concat(context.Where(c => c.Value >= 2).Select(c => c.Key)).Distinct();
        var order = _rules.Emergencies.ToList();
        var chosen = candidates
            .OrderByDescending(r => (signs.TryGetValue(r, out var h) ? h.Count : 0) + (0.5 * context.GetValueOrDefault(r)))
            .ThenByDescending(r => context.GetValueOrDefault(r))
            .ThenBy(order.IndexOf)
            .First();
        var fired = signs.TryGetValue(chosen, out var own) ? own : hits;
        return (chosen, string.Join(' ', fired[0].Phrase), fired.Select(h => h.Language));
    }

    private const int MaxContext = 3;

    /// <summary>The kind a word in the message chooses whatever the signs (<see cref="EmergencyRule.ChosenWith"/>), or null.</summary>
    private EmergencyRule? ChosenBySubject(IReadOnlyList<string> tokens) =>
        _chosenWith.TryFirst(tokens, _knownWords, out var chosen) ? chosen.Rule : null;

    private static bool Contains(string[] phrase, string[] part)
    {
        for (var at = 0; at + part.Length <= phrase.Length; at++)
        {
            if (StartsAt(phrase, at, part))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The words before the first supposition ("if", "what do i do if", "que hago si"); null when none starts with its words
    /// together, or when a question mark comes first.
    /// </summary>
    private List<string>? LeadBeforeSupposition(string text, IReadOnlyList<string> tokens)
    {
        var first = -1;
        foreach (var c in _conditional.Candidates(tokens, _knownWords))
        {
            var at = PhraseMatcher.FirstStart(tokens, _conditional[c], _knownWords, maxGap: 0);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        // A question mark that closes the lead, or an opening one before the supposition, makes the lead a question too.
        var asked = text.IndexOf('?', StringComparison.Ordinal);
        var opened = text.IndexOf('¿', StringComparison.Ordinal);
        if (first <= 0 || (asked >= 0 && TextNormalizer.Tokens(text[..asked]).Count <= first) || (opened >= 0 && TextNormalizer.Tokens(text[..opened]).Count < first))
        {
            return null;
        }

        return tokens.Take(first).ToList();
    }

    /// <summary>
    /// The sentences before the first one that looks back long ago, when they tell signs as what is happening: nothing in them
    /// looks back, asks, supposes or reassures. Null when the story opens long ago (a past told first is its background).
    /// </summary>
    private (List<(EmergencyRule Rule, string Language, string[] Phrase)> Hits, MessageFraming Framing)? SignsBeforeALongAgoDetail(string text, Func<(EmergencyRule Rule, string Language, string[] Phrase), bool> counts)
    {
        var sentences = SentenceBreak().Split(text).Select(TextNormalizer.Tokens).Where(t => t.Count > 0).ToList();
        var firstLongAgo = sentences.FindIndex(s => FramingOf(s).LongAgo);
        if (firstLongAgo <= 0)
        {
            return null;
        }

        var lead = sentences.Take(firstLongAgo).SelectMany(s => s).ToList();
        if (FramingOf(lead) is not { LongAgo: false, Past: false, Conditional: false, NotNow: false, Question: false } leadFraming)
        {
            return null;
        }

        var hits = _signs.Where(_signsExcept.Blanked(lead), _knownWords, s => counts(s) && !leadFraming.Blocks(s.Rule));
        return hits.Count > 0 ? (hits, leadFraming) : null;
    }

    /// <summary>Whether the phrase's last match starts after every "not now" phrase in the message.</summary>
    private bool IsSaidAfterEveryNotNow(IReadOnlyList<string> tokens, IReadOnlyList<string> stems, string[] phrase)
    {
        var said = PhraseMatcher.LastStart(stems, phrase, _knownWords);
        if (said < 0)
        {
            return false;
        }

        foreach (var n in _notNow.Candidates(tokens, _knownWords))
        {
            var told = PhraseMatcher.LastStart(tokens, _notNow[n], _knownWords, maxGap: 0);
            if (told >= 0 && told + _notNow[n].Length > said)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the framing keeps a neighbours' vote for this kind of emergency from counting.</summary>
    private static bool RefusesAVote(MessageFraming framing, EmergencyRule rule) =>
        framing is { Now: false } && (framing.Conditional || framing.LongAgo || (framing.NotNow && !rule.UrgentWhenPast) || (framing.Question && (framing.NotNow || (framing.Past && !rule.UrgentWhenPast))));

    /// <summary>
    /// The part of a story told in the present: from its last sentence (not the first) with a <c>present</c> or <c>now</c>
    /// phrase to the end, with that part's own framing; null for a single sentence or when no later sentence tells the present.
    /// </summary>
    private (List<string> Tokens, MessageFraming Framing)? PresentTail(string text) =>
        PresentTail(SentenceBreak().Split(text), PhraseMatcher.MaxGap) ?? PresentTail(ClauseBreak().Split(text), maxGap: 0);

    /// <summary>
    /// The same search over a story told in one run-on sentence, its parts cut at commas and before "now"/"ahora":
    /// "got out two weeks ago and just used, im dizzy, my breathing feels slow". A part that short reads a phrase only with its
    /// words together: "now hes doing great in treatment" is not "hes in".
    /// </summary>
    private (List<string> Tokens, MessageFraming Framing)? PresentTail(string[] parts, int maxGap)
    {
        var sentences = parts.Select(TextNormalizer.Tokens).Where(t => t.Count > 0).ToList();
        for (var i = sentences.Count - 1; i >= 1; i--)
        {
            if (_present.Any(sentences[i], _knownWords, maxGap) || _now.Any(_nowExcept.Without(sentences[i]), _knownWords, maxGap))
            {
                // A time long ago said after the present part belongs to a detail ("...no reacciona. Tengo un narcan que me
                // dieron la semana pasada"), not to the story's present.
                var tail = sentences.Skip(i).SelectMany(s => s).ToList();
                var framing = FramingOf(tail);
                return (tail, framing.LongAgo ? framing with { LongAgo = FramingOf(sentences[i]).LongAgo } : framing);
            }
        }

        return null;
    }

    /// <summary>
    /// A past told in one breath and joined to the present by "and": "anoche se metió algo y no despierta", "he used last night
    /// and wont wake up". Only for a story told as past, not supposed or asked ("que hago si se mete algo y no despierta" keeps
    /// its "si"), and only when the part after the "and" says the present itself (a `present` phrase such as "no despierta").
    /// </summary>
    private (List<string> Tokens, MessageFraming Framing)? PresentTailAfterAConjunction(string text, MessageFraming framing) =>
        framing is { Past: true, LongAgo: false, Now: false, NotNow: false, Conditional: false, Question: false } && !AsksSomething(text)
            ? PresentTail(ConjunctionBreak().Split(text), maxGap: 0)
            : null;

    [GeneratedRegex(@"[,.!?;\n]+|(?=\b(?:and|but|y|pero)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ConjunctionBreak();

    [GeneratedRegex(@"[.!?;\n]+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"[^.!?;\n]+[.!?;\n]*")]
    private static partial Regex SentenceWithItsEnd();

    [GeneratedRegex(@"[,.!?;\n]+|(?=\b(?:now|ahora)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseBreak();

    private MessageFraming FramingOf(IReadOnlyList<string> tokens)
    {
        var framing = FramingOf(tokens, out var reassuredByOthers);
        return reassuredByOthers ? framing with { NotNow = true, Now = false, AboutSomeone = false } : framing;
    }

    /// <param name="reassuredByOthers">Set when the only reassurance is in someone else's words ("says hes fine"): the framing
    /// returned does not count it, and counting it makes the framing not now (neither now nor about someone).</param>
    private MessageFraming FramingOf(IReadOnlyList<string> tokens, out bool reassuredByOthers)
    {
        bool Any(PhraseList<string[]> phrases) => phrases.Any(tokens, _knownWords);
        // "no contesta mis mensajes" is not the not-now "contesta mis mensajes" (he answers now): the exceptions go first.
        var told = HowToldAsNotNow(_signsExcept.Blanked(tokens));
        var notNow = told == NotNowTelling.ByTheWriter;
        reassuredByOthers = told == NotNowTelling.ByOthersOnly;
        var longAgo = _longAgo.Any(_longAgoExcept.Without(tokens), _knownWords);
        var nowTokens = _nowExcept.Without(tokens);
        var conditionalTokens = _conditionalExcept.Without(tokens);
        var now = !notNow && (_now.Any(nowTokens, _knownWords) || (!longAgo && _nowWeak.Any(WeakNowTokens(nowTokens), _knownWords)));
        return new MessageFraming(
            Now: now,
            AboutSomeone: !notNow && (now || Any(_people)),
            Question: _question.Any(_questionExcept.Without(tokens), _knownWords),
            Conditional: _conditional.Any(conditionalTokens, _knownWords),
            Past: Any(_past),
            LongAgo: longAgo,
            NotNow: notNow);
    }

    /// <summary>
    /// The tokens without the words supposed of anyone: a <c>supposed_of_anyone</c> phrase and the few words after it, where
    /// a supposition's own verb and signs are ("if somebody still isnt breathing after narcan", "si alguien sigue sin respirar
    /// despues del narcan q se hace"). Tokens carry no commas, so the supposition's end is not known; a few words hold it.
    /// </summary>
    private IReadOnlyList<string> WithoutWhatIsSupposedOfAnyone(IReadOnlyList<string> tokens)
    {
        List<string>? kept = null;
        for (var at = 0; at < tokens.Count; at++)
        {
            if (_supposedOfAnyone.StartingAt(tokens, at) is { } phrase)
            {
                kept ??= [.. tokens.Take(at)];
                at += phrase.Length + WordsOfASupposition - 1;
            }
            else
            {
                kept?.Add(tokens[at]);
            }
        }

        return kept ?? tokens;
    }

    private const int WordsOfASupposition = 8;

    /// <summary>
    /// The words in which a weak now is read: without what is supposed of anyone, unless someone is named besides ("what do i
    /// do if someone is still not breathing after narcan, my friend is blue" tells of a friend who is there).
    /// </summary>
    private IReadOnlyList<string> WeakNowTokens(IReadOnlyList<string> tokens)
    {
        var unsupposed = WithoutWhatIsSupposedOfAnyone(tokens);
        return ReferenceEquals(unsupposed, tokens) || _people.Any(unsupposed, _knownWords) ? tokens : unsupposed;
    }

    /// <summary>
    /// Whether a not-now phrase is said and not taken back after. Not-now phrases are idioms and reassurances ("not right
    /// now", "ok now"): read with words in between they cancel real emergencies ("still not breathing right what now"), so
    /// their words must be adjacent.
    /// </summary>
    private NotNowTelling HowToldAsNotNow(IReadOnlyList<string> tokens)
    {
        var told = NotNowTelling.No;
        foreach (var n in _notNow.Candidates(tokens, _knownWords))
        {
            var at = PhraseMatcher.LastStart(tokens, _notNow[n], _knownWords, maxGap: 0);
            if (at >= 0 && !UndoneAfter(tokens, at + _notNow[n].Length))
            {
                if (!IsReported(tokens, at))
                {
                    return NotNowTelling.ByTheWriter;
                }

                told = NotNowTelling.ByOthersOnly;
            }
        }

        return told;
    }

    private enum NotNowTelling
    {
        No,
        ByOthersOnly,
        ByTheWriter,
    }

    /// <summary>
    /// Whether a reassurance is someone else's words, not the writer's: "he woke up puking and now hes saying hes fine and
    /// wants to leave" is what someone just revived says, and exactly when naloxone can wear off.
    /// </summary>
    private static bool IsReported(IReadOnlyList<string> tokens, int at) =>
        (at >= 1 && ReportingWords.Contains(tokens[at - 1]))
        || (at >= 2 && tokens[at - 1] is "que" or "that" && ReportingWords.Contains(tokens[at - 2]));

    private static readonly HashSet<string> ReportingWords = new(StringComparer.Ordinal)
    {
        "says", "saying", "claims", "insists", "dice", "diciendo", "insiste",
    };

    /// <summary>Whether a phrase that takes a reassurance back ("but still", "pero sigue") comes after it.</summary>
    private bool UndoneAfter(IReadOnlyList<string> tokens, int from)
    {
        if (from >= tokens.Count || _notNowUndone.Count == 0)
        {
            return false;
        }

        var rest = new string[tokens.Count - from];
        for (var i = 0; i < rest.Length; i++)
        {
            rest[i] = tokens[from + i];
        }

        return _notNowUndone.Candidates(rest, _knownWords)
            .Any(n => PhraseMatcher.FirstStart(rest, _notNowUndone.PhraseAt(n), _knownWords, maxGap: 0) is >= 0 and var at && at <= UndoneWithin);
    }

    /// <summary>
    /// How many words after the reassurance its "but still" may start: "ok now but still not breathing", "seems ok now i
    /// think but hes still out of it" take it back; "shes totally fine now. im proud of myself but still kind of shaky" is
    /// the writer's own feeling, later.
    /// </summary>
    private const int UndoneWithin = 3;

    /// <summary>The words after a turn to a real question ("anyway real q", "de verdad") that follows laughter; null otherwise.</summary>
    private List<string>? RealQuestionAfterAJoke(IReadOnlyList<string> tokens)
    {
        var laughedAt = -1;
        for (var at = 0; at < tokens.Count; at++)
        {
            if (laughedAt < 0 && _laughter.StartingAt(tokens, at) is not null)
            {
                laughedAt = at;
            }
            else if (laughedAt >= 0 && _realQuestion.StartingAt(tokens, at) is { } turn && at + turn.Length < tokens.Count)
            {
                return tokens.Skip(at + turn.Length).ToList();
            }
        }

        return null;
    }

    private static bool StartsAt(string[] phrase, int at, string[] part)
    {
        for (var i = 0; i < part.Length; i++)
        {
            if (!string.Equals(phrase[at + i], part[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string LanguageOf(string text, IEnumerable<string> matchedLanguages) =>
        Knowledge.Matching.LanguageDetector.Detect(text) ?? matchedLanguages.FirstOrDefault() ?? "en";

    private static string[] Split(string phrase) => phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
