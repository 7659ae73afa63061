namespace HarmReduction.Bot.Knowledge;

/// <summary>The emergency and crisis patterns from <c>safety.yaml</c>, readable and editable by staff.</summary>
public sealed record SafetyRules
{
    public required IReadOnlyList<EmergencyRule> Emergencies { get; init; }

    public required CrisisRule Crisis { get; init; }

    /// <summary>Words that say something is happening now; they outweigh every framing.</summary>
    public required LanguageMap<string> Now { get; init; }

    /// <summary>Words that say now unless the story is set weeks or more ago ("i overdosed last month and now im scared").</summary>
    public LanguageMap<string> NowWeak { get; init; } = new();

    /// <summary>Phrases in which a `now` word does not say now ("get her help", "still think about it").</summary>
    public LanguageMap<string> NowExcept { get; init; } = new();

    /// <summary>
    /// Phrases whose words are never a sign, taken out of a message before its signs are read: "la familia no contesta el
    /// telefono" is a phone not answered, not a person who does not answer. Unlike a not-now phrase, the rest of the message
    /// still counts ("no despierta ... la familia no contesta el telefono").
    /// </summary>
    public LanguageMap<string> SignsExcept { get; init; } = new();

    /// <summary>Phrases in which a `long_ago` phrase is no time: "i used to much" is "too much" misspelled, not "used to".</summary>
    public LanguageMap<string> LongAgoExcept { get; init; } = new();

    /// <summary>Phrases in which an "if" reports a question rather than supposing: "they are asking if i know cpr".</summary>
    public LanguageMap<string> ConditionalExcept { get; init; } = new();

    /// <summary>Phrases in which a question phrase's words compare rather than ask: "hace un ruido como que se ahoga" is not "como se".</summary>
    public LanguageMap<string> QuestionExcept { get; init; } = new();

    /// <summary>
    /// Suppositions about anyone ("if somebody", "si alguien"): a weak `now_weak` word in the words that follow one is
    /// supposed too ("if somebody still isnt breathing after narcan"), not a sign that something is happening now.
    /// </summary>
    public LanguageMap<string> SupposedOfAnyone { get; init; } = new();

    /// <summary>
    /// What says a sentence tells the present ("hes on the bed", "she is so sleepy", "esta en el piso"). A long story sets
    /// its background first ("he got out of a program in august") and the present last: a sentence with one of these
    /// starts the part of the message that is judged on its own when the whole message reads as long ago or conditional.
    /// </summary>
    public LanguageMap<string> Present { get; init; } = new();

    /// <summary>A real person ("he", "my friend"); they outweigh a general question, not a conditional or the past.</summary>
    public LanguageMap<string> People { get; init; } = new();

    /// <summary>Conditionals and hypotheticals ("if someone", "what happens if").</summary>
    public LanguageMap<string> Conditional { get; init; } = new();

    /// <summary>Phrases that say nothing is happening now, or that it is over ("fine now", "hypothetically").</summary>
    public LanguageMap<string> NotNow { get; init; } = new();

    /// <summary>
    /// Said after a not-now phrase, these take it back: "hes breathing better now but still wont wake up" is still an
    /// emergency, the reassurance was only part of the story.
    /// </summary>
    public LanguageMap<string> NotNowUndone { get; init; } = new();

    /// <summary>Framings that make a message a question about an emergency rather than one happening now.</summary>
    public required LanguageMap<string> Question { get; init; }

    /// <summary>Words that put the event in the recent past ("an hour ago", "last night").</summary>
    public LanguageMap<string> Past { get; init; } = new();

    /// <summary>Words that put it long past ("last year", "years ago"): never an emergency now.</summary>
    public LanguageMap<string> LongAgo { get; init; } = new();

    /// <summary>Laughter ("lol", "lmao", "jaja"): a joke told before a real question.</summary>
    public LanguageMap<string> Laughter { get; init; } = new();

    /// <summary>
    /// Turns from a joke to a real question ("anyway real question", "de verdad"): after laughter, crisis words before the
    /// turn are the joke ("my buddy says hes gonna kms every time the cowboys lose lmao. anyway real question...").
    /// </summary>
    public LanguageMap<string> RealQuestion { get; init; } = new();

    public required SafetyExamples Examples { get; init; }

    /// <summary>Short messages that continue an emergency just answered ("i dont have narcan", "hes breathing now").</summary>
    public IReadOnlyList<EmergencyFollowUp> AfterEmergency { get; init; } = [];
}

/// <param name="SignsWhenNow">Words that only mean an emergency when the message also says it is happening now ("someone od in the lot help").</param>
/// <param name="AlsoCrisis">The crisis reply follows the emergency reply (an overdose taken on purpose: 911 first, then 988).</param>
/// <param name="UrgentWhenPast">Still an emergency when told in the recent past: what was swallowed can act hours later.</param>
public sealed record EmergencyRule(string Name, string Reply, LanguageMap<string> Signs, LanguageMap<string> SignsWhenNow, bool AlsoCrisis = false, bool UrgentWhenPast = false)
{
    /// <summary>
    /// The signs mean the same whoever has them, so each is also read for the other persons: "se me duerme el brazo
    /// izquierdo" is "se le duerme el brazo izquierdo" too, "pressure in my chest" is "pressure in his chest".
    /// </summary>
    public bool AnyPerson { get; init; }

    /// <summary>Words that mean this emergency only in a message the crisis rule also flags ("i just shot way more ... i want it to be over").</summary>
    public LanguageMap<string> SignsWithCrisis { get; init; } = new();

    /// <summary>
    /// Pairs of phrase lists that mean this emergency in a message heard as a crisis when it holds a phrase of each, wherever
    /// they are: someone high on a stimulant (the first) who hears voices or pursuers (the second) and wants to jump is in a
    /// psychosis with danger now, not making a plan ("mi hermano lleva 5 dias sin dormir con el cristal ... dice q lo vienen
    /// siguiendo"). The crisis reply follows the emergency's.
    /// </summary>
    public IReadOnlyList<CrisisPair> WithCrisisTogether { get; init; } = [];

    /// <summary>
    /// Words that point to this kind once an emergency is certain ("meth", "hot", "toddler", "cat"): they choose between
    /// kinds, never make one. "on meth, burning up, passed out" is an overamp with fainting, not an opioid overdose.
    /// </summary>
    public LanguageMap<string> Context { get; init; } = new();

    /// <summary>
    /// Words that make this the kind whenever the message is an emergency at all ("dog", "gato"): every reply written for
    /// a person is wrong for an animal, whatever its signs ("my dog chewed a baggie of meth, heart racing").
    /// </summary>
    public LanguageMap<string> ChosenWith { get; init; } = new();
}

public sealed record CrisisRule(string Reply, LanguageMap<string> Signs, LanguageMap<string> NotCrisis)
{
    /// <summary>
    /// The reply to someone writing about another person's crisis ("my brother says he wants to kill himself and he has a
    /// gun"): what to do for them, 911 when they are in danger now. Null: <see cref="Reply"/> for everyone.
    /// </summary>
    public string? ReplyForSomeoneElse { get; init; }

    /// <summary>
    /// Pairs of phrase lists: a crisis when one message holds a phrase of each, wherever they are, while either alone is
    /// ordinary. The first is read from <c>asks_what_kills</c> and <c>for_oneself</c> ("whats a lethal amount of fentanyl
    /// for someone with no tolerance. its for me"); the others from <c>together</c> ("left my truck keys on the table" and
    /// "sorry for all the trouble").
    /// </summary>
    public IReadOnlyList<CrisisPair> Together { get; init; } = [];

    /// <summary>
    /// Another person's suicide told as done ("my cousin killed himself", "mi sargento se suicidó"): grief, not a crisis of
    /// the writer. Matched on the typed words, not on stems, since the stem of "killed himself" is that of "wants to kill
    /// himself". The crisis phrases these words make are explained away, like <see cref="NotCrisis"/>; any other crisis
    /// phrase in the message still counts ("...and i keep thinking about doing it the same way").
    /// </summary>
    public LanguageMap<string> AnotherPersonsSuicide { get; init; } = new();

    /// <summary>
    /// Words by which writers speak of themselves ("i", "im", "myself", "estoy"): a question about what amount kills in one
    /// sentence, with one of these in another sentence of a message about no one else, is a crisis ("how many grams of meth
    /// would make your heart stop. for myself. im tired"), whatever words say it is for the writer.
    /// </summary>
    public LanguageMap<string> SpeaksOfOneself { get; init; } = new();

    /// <summary>
    /// Talk of using itself: wanting to use less or stop ("cut down", "quiero dejar las"), or using alone ("gonna use by
    /// myself"): what harm reduction answers, not a crisis. The read-out of the bank alone does not make a crisis of a
    /// message holding one ("quiero beber menos, no dejarlo del todo" leans toward the crisis examples about drinking,
    /// "nobody around tonight gonna use by myself" toward those about using alone on purpose); the rules and the
    /// neighbours still may.
    /// </summary>
    public LanguageMap<string> UseTalk { get; init; } = new();

    /// <summary>
    /// Words that name the writer ("i", "me", "yo") and words that name someone else ("he", "she", "ella", "dice"), as the
    /// subject before a crisis phrase or among its own words: whose crisis it is, for <see cref="ReplyForSomeoneElse"/>.
    /// Single words; both lists are needed for that reply to be chosen.
    /// </summary>
    public LanguageMap<string> WriterWords { get; init; } = new();

    /// <inheritdoc cref="WriterWords"/>
    public LanguageMap<string> SomeoneElseWords { get; init; } = new();
}

/// <summary>Two kinds of words that say a crisis together in one message, and nothing alone.</summary>
/// <param name="Name">Names the pair in explanations and errors.</param>
public sealed record CrisisPair(string Name, LanguageMap<string> First, LanguageMap<string> Second);

/// <summary>Messages that must (or must not) be detected; the test suite runs every one.</summary>
public sealed record SafetyExamples(IReadOnlyList<string> Emergency, IReadOnlyList<string> Crisis, IReadOnlyList<string> Neither);

/// <summary>A message that continues an emergency ("i dont have narcan") and the message that answers it.</summary>
public sealed record EmergencyFollowUp(string Name, string Reply, LanguageMap<string> Phrases);
