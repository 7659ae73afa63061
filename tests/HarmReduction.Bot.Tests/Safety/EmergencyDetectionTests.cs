using HarmReduction.Bot.Channels.Sms;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Safety;

public sealed class EmergencyDetectionTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    public static TheoryData<string> Emergencies() =>
    [
        "hes blue n not breathin",
        "HE'S NOT BREATHING",
        "she isnt breathing help",
        "my friend stopped breathing",
        "bf is barely breathing and wont wake up",
        "he wont wake up",
        "cant wake her up",
        "i cant wake him up hes snoring weird",
        "my roommate is unresponsive",
        "hes unresponive",
        "someone is od'ing in the bathroom",
        "my friend is oding rn what do i do",
        "i think my brother is overdosing",
        "hes overdosing help",
        "she fell out and wont respond",
        "dude fell out at the bus stop",
        "found my sister passed out with a needle still in her arm",
        "his lips are blue",
        "her lips look purple and shes gray",
        "lips turning blue pls help",
        "hes turning blue",
        "my husband is making gurgling noises and wont wake up",
        "he's gurgling",
        "notbreathing help",
        "he is not breathin after shooting up",
        "already gave narcan and hes still not breathing",
        "gave her narcan still blue what now",
        "friend collapsed after a line and wont respond",
        "omg he's slumped over and not moving",
        "my dad took too many pain pills and wont wake up",
        "help someone overdosed in front of me",
        "she just od'd",
        "heart racing and chest pain after coke",
        "my friend is having a seizure after molly",
        "hes seizing after smoking meth",
        "i feel like im dying heart pounding after too much addy",
        "im overheating and my heart wont slow down",
        "chest hurts so bad after a speedball",
        "mi amigo no respira",
        "mi novio se puso azul y no despierta",
        "ayuda mi hermano tiene los labios morados",
        "mi esposa no reacciona despues de usar",
        "se desmayo y no respira bien",
        "le duele el pecho despues de la coca",
        "yo my boy just nodded hard and now hes not waking up at all",
        "she's breathing really weird like snoring and wont answer me",
        "found him on the floor lips purple pls",
        "my gf took a bar and some dope shes out cold i cant get her up",
        "bro is turnin blue",
        "someone OD in the parking lot what do i do",
        "after smoking crystal my heart feels like its gonna explode and im burning up",
        "mi hermano se esta muriendo no respira",
        "theres a lady asleep in the car next to mine, she didnt move when i knocked and theres foam around her mouth",
        "un senor en la troca de al lado no se mueve aunque le toco el vidrio, le sale espuma por la boca",
    ];

    public static TheoryData<string> QuestionsAboutOverdose() =>
    [
        "how do i prevent an od",
        "where do i get narcan",
        "what does an overdose look like",
        "what are the signs of an overdose",
        "how can i tell if someone is overdosing",
        "how long til i give a second narcan",
        "does narcan work on tranq",
        "how much narcan should i carry",
        "is narcan safe to give if im not sure its an od",
        "can you overdose on weed",
        "what happens after you narcan someone",
        "how do i do rescue breathing",
        "what's the recovery position",
        "should i keep naloxone at home",
        "what should be in an overdose kit",
        "how do i know if my tolerance is low after jail",
        "is it ok to use alone if i have narcan",
        "what is the good samaritan law for overdoses",
        "can i get in trouble for calling 911 for an od",
        "my cousin died of an overdose last year and i cant stop thinking about it",
        "how to tell if a pill has fent in it",
        "what to do if someone is overdosing on meth",
        "can coke make your heart race",
        "que es la naloxona",
        "como prevenir una sobredosis",
        "what do i do if my friend starts to od",
        "how many narcans should i carry",
        "whats the best way to not od",
        "does fentanyl make your lips blue",
        "is it normal to nod out on subs",
        "what should i do if my roommate ods",
        "my veins collapsed where else can i shoot",
        "i dont want to die, how do i use safer tonight",
        "how do i keep from overdosing on fentanyl",
        "que hago para no tener una sobredosis",
        "i chewed my suboxone instead of letting it dissolve, is that bad",
    ];

    [Theory]
    [MemberData(nameof(Emergencies))]
    public async Task An_emergency_gets_911_and_naloxone_in_a_first_message_that_stands_alone(string message)
    {
        var flow = new TestFlow(engine.Bot, ChannelProfile.Sms());
        await flow.Send(message)
            .AssertOutcome(TurnKind.Emergency)
            .AssertReply(first =>
            {
                Assert.Contains("911", first.Text, StringComparison.Ordinal);
                Assert.True(first.Text!.Contains("naloxone", StringComparison.OrdinalIgnoreCase) || first.Text.Contains("naloxona", StringComparison.OrdinalIgnoreCase), first.Text);
                Assert.True(SmsEncoding.Measure(SmsEncoding.ToGsmWherePossible(first.Text)).Segments <= 2, $"first message is over two segments: {first.Text}");
            })
            .StartTestAsync();
    }

    [Theory]
    [MemberData(nameof(QuestionsAboutOverdose))]
    public async Task A_question_about_overdose_gets_its_answer_not_the_emergency_path(string message)
    {
        var flow = new TestFlow(engine.Bot, ChannelProfile.Sms());
        await flow.Send(message).StartTestAsync();

        Assert.NotEqual(TurnKind.Emergency, flow.Adapter.LastOutcome.Kind);
        Assert.Contains(flow.Adapter.LastOutcome.Kind, new[] { TurnKind.Answer, TurnKind.Clarify, TurnKind.Meta });
    }

    /// <summary>
    /// Told as not happening ("jaja", "im ok now"), a message is not made an emergency by its neighbours either, as the
    /// rules would not make it one; what acts late (a swallowed pill, pills taken on purpose) still counts. Nor is a
    /// scare that is over, a pain that comes now and then, a question asked "just to know", or guilt after a loss, though
    /// each carries an emergency's words.
    /// </summary>
    [Theory]
    [InlineData("me quede sin aire de tanto reirme jaja")]
    [InlineData("i was dying laughing lmao couldnt breathe")]
    [InlineData("my chest hurts sometimes after coke, is that bad for my heart")]
    [InlineData("el cristal le hace dano al corazon? a mi hermano a veces le duele el pecho")]
    [InlineData("cuantas dosis de narcan se le ponen si no despierta? pregunto pa saber")]
    [InlineData("saw a man od at the shelter last night, the medics saved him, im still shaking thinking about it")]
    [InlineData("am i to blame for my cousins overdose, i drove him to buy that night")]
    [InlineData("recomiendame una bachata pa dedicarle a mi novia")]
    [InlineData("not suicidal or anything, is it normal to feel this low after a meth binge")]
    [InlineData("no soy suicida, solo quiero saber si es normal sentirse triste al dejar el cristal")]
    [InlineData("in a movie they gave a guy a shot of adrenaline in the heart for an od, is that real")]
    [InlineData("en una pelicula le clavaron una jeringa en el pecho a un tipo con sobredosis, eso es real?")]
    [InlineData("con que cortan la coca normalmente")]
    [InlineData("me tome un cafe cortado y ando acelerado")]
    [InlineData("me cortaron la luz y no tengo donde guardar la insulina")]
    [InlineData("me van a despedir del trabajo si salgo positivo")]
    [InlineData("vamos a una despedida de soltera el sabado")]
    [InlineData("this new batch is killer lol where do i get it tested")]
    [InlineData("od'd twice this year and both times they brought me back, how do i keep it from happening again")]
    public async Task Neighbours_do_not_alarm_on_a_message_told_as_not_happening(string message)
    {
        var flow = new TestFlow(engine.Bot, ChannelProfile.Sms());
        await flow.Send(message).StartTestAsync();

        Assert.DoesNotContain(flow.Adapter.LastOutcome.Kind, new[] { TurnKind.Emergency, TurnKind.Crisis });
    }

    /// <summary>
    /// A story sets its background first and tells the present last: the part from the last sentence that tells the
    /// present is framed on its own, by the rules alone. The same story told as over, or asked about, stays a question.
    /// </summary>
    [Theory]
    [InlineData("My cousin finished a 60 day program back in September and he's been doing so well. We had dinner together tonight. I just went to check on him in the guest room and his lips are purple and he won't answer me.", true)]
    [InlineData("Mi hijo salio del programa en julio y estaba muy bien. Acabo de entrar a su cuarto y esta en el piso con los labios morados, no me contesta.", true)]
    [InlineData("It was supposed to be a Xanax, she said. Now she is so sleepy I cant keep her awake and her breathing is really slow.", true)]
    [InlineData("My brother overdosed in 2021. When I found him his lips were purple and he wasnt breathing. Is it normal that I still think about it every day?", false)]
    [InlineData("Last year my friend od'd at a party. His lips were blue and he wasnt breathing. What should I have done?", false)]
    [InlineData("Mi hermano tuvo una sobredosis hace un ano. Tenia los labios morados y no respiraba. Todavia me duele, es normal?", false)]
    [InlineData("Got released three weeks ago and used today for the first time. I'm dizzy and my breathing feels slow. Nobody else is here.", true)]
    [InlineData("Sali del programa hace un mes y hoy volvi a usar. Me siento mareada, respiro despacio y se me cierran los ojos.", true)]
    [InlineData("I got out last month and used once. I feel fine now, how long until my tolerance comes back?", false)]
    [InlineData("got out two weeks ago and just used, im dizzy, my breathing feels slow", true)]
    [InlineData("got out of jail two weeks ago and used my old amount now im dizzy and my breathing feels slow", true)]
    [InlineData("last year my friend od'd, his lips were blue and he wasnt breathing, now hes doing great in treatment", false)]
    public void A_story_is_judged_by_the_part_that_tells_the_present(string message, bool emergency)
    {
        var assessment = engine.Bot.Snapshot.Safety.Assess(message);

        Assert.Equal(emergency ? HarmReduction.Bot.Safety.SafetyKind.Emergency : HarmReduction.Bot.Safety.SafetyKind.None, assessment.Kind);
    }

    [Fact]
    public async Task Spanish_emergency_is_answered_in_spanish()
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send("mi amigo no respira ayuda")
            .AssertOutcome(TurnKind.Emergency)
            .AssertReplyContains("Llama al 911")
            .StartTestAsync();
    }

    /// <summary>A topic word that counts only when it is happening now ("sobredosis") does not make an emergency of a message that asks with a question mark and says nothing of now.</summary>
    [Theory]
    [InlineData("mi hermano conoce a alguien con sobredosis de tranq, la naloxona le sirve?", false)]
    [InlineData("my cousin knows a guy who had an od on tranq, does narcan work on that?", false)]
    [InlineData("mi hermano tiene una sobredosis, que hago?", true)]
    [InlineData("mi amiga esta con sobredosis?? no despierta", true)]
    [InlineData("mi primo tiene sobredosis ahorita?", true)]
    public void A_topic_word_asked_about_is_not_an_emergency_unless_now(string message, bool emergency)
    {
        var assessment = engine.Bot.Snapshot.Safety.Assess(message);

        Assert.Equal(emergency, assessment.Kind == HarmReduction.Bot.Safety.SafetyKind.Emergency);
    }

    /// <summary>
    /// A correctly spelled word is itself, not a typo of a sign near it, whatever words the answers happen to use
    /// (<c>RealWords.txt</c>); a real typo of the sign still matches.
    /// </summary>
    [Theory]
    [InlineData("my son gave away his xbox and says stuff like it doesnt matter. am i overreacting", false)]
    [InlineData("my friend is on molly at the show and hes overreacting to everything", false)]
    [InlineData("my friend took molly at the show and hes overheatng, burning up and confused", true)]
    public void A_real_word_is_not_read_as_a_typo_of_a_sign(string message, bool stimulantEmergency)
    {
        var assessment = engine.Bot.Snapshot.Safety.Assess(message);

        Assert.Equal(stimulantEmergency, assessment.Kind == HarmReduction.Bot.Safety.SafetyKind.Emergency && assessment.Rule == "stimulant-overamp");
    }

    [Fact]
    public async Task Every_example_in_safety_yaml_is_judged_as_written()
    {
        var detector = engine.Bot.Snapshot.Safety;
        var examples = engine.Bot.Knowledge.Safety.Examples;
        Assert.NotEmpty(examples.Emergency);
        Assert.All(examples.Emergency, e => Assert.True(detector.Assess(e).Kind == HarmReduction.Bot.Safety.SafetyKind.Emergency, $"not an emergency: {e}"));
        Assert.All(examples.Crisis, e => Assert.True(detector.Assess(e).Kind == HarmReduction.Bot.Safety.SafetyKind.Crisis, $"not a crisis: {e}"));
        Assert.All(examples.Neither, e => Assert.True(detector.Assess(e).Kind == HarmReduction.Bot.Safety.SafetyKind.None, $"wrongly flagged: {e}"));
    }

    [Theory]
    [InlineData("honestly i just want to die")]
    [InlineData("I keep thinking about ending my life")]
    [InlineData("i want to kill myself")]
    [InlineData("im thinking about suicide")]
    [InlineData("no quiero vivir mas")]
    [InlineData("i cant do this anymore i want it all to end")]
    [InlineData("my sister keeps saying she wants to kill herself")]
    [InlineData("been thinking about taking all my pills and never waking up")]
    [InlineData("mi amigo dice que quiere quitarse la vida")]
    [InlineData("gave my tools and my dog away today, i wont need any of it where im going")]
    [InlineData("my dad said we would be better off without him and the life insurance would cover the house")]
    [InlineData("no job, rent due, and i keep picturing driving my truck into the overpass wall")]
    [InlineData("sometimes i hope the next shot is the one that takes me out")]
    [InlineData("my friend is on the roof of the parking garage saying she wants to jump")]
    [InlineData("ojala esta dosis sea la que me lleve")]
    [InlineData("mi hermana esta en la azotea y dice que se va a tirar")]
    [InlineData("since i got home from the army i keep thinking about eating a bullet")]
    [InlineData("soy veterano y pienso en meterme un tiro")]
    [InlineData("ya escribi las cartas para mi familia, ya se cuando")]
    [InlineData("si me muero pues me muero, ya me da igual")]
    [InlineData("gonna use alone tonight and if i dont wake up so be it")]
    [InlineData("me volvi a cortar y no puedo parar")]
    [InlineData("my brother came home from deployment, gave away his dog tags and said goodbye, now he wont pick up")]
    public async Task A_crisis_gets_988_warmly(string message)
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send(message)
            .AssertOutcome(TurnKind.Crisis)
            .AssertReply(first => Assert.Contains("988", first.Text, StringComparison.Ordinal))
            .StartTestAsync();
    }

    /// <summary>Taken on purpose and starting to act: 911 first, then 988, whatever was taken and however it is told.</summary>
    [Theory]
    [InlineData("i took all my pills to kill myself and now im passing out", "Call 911")]
    [InlineData("i snorted all of it on purpose and its kicking in", "Call 911")]
    [InlineData("shot it all at once on purpose, starting to hit", "Call 911")]
    [InlineData("me lo inyecte todo a proposito, ya me esta haciendo efecto", "Llama al 911")]
    [InlineData("swallowed about 40 tylenol last night to die and now my stomach is killing me", "Call 911")]
    [InlineData("my brother keeps saying hes done, gave me his dog tags and texted me goodbye, hes alone at his place", "Call 911")]
    public async Task An_overdose_taken_on_purpose_gets_911_then_988(string message, string first)
    {
        var flow = new TestFlow(engine.Bot, ChannelProfile.Sms());
        await flow.Send(message).AssertOutcome(TurnKind.Emergency).StartTestAsync();

        var all = string.Join("\n", flow.Adapter.ActiveQueue.Select(a => a.Text));
        Assert.StartsWith(first, flow.Adapter.ActiveQueue.Peek().Text, StringComparison.Ordinal);
        Assert.Contains("988", all, StringComparison.Ordinal);
    }

    /// <summary>Once the signs say emergency, the words around them choose its kind: the overamp, the child or pet, the person alone, an infection in the blood.</summary>
    [Theory]
    [InlineData("bro on tina wont stop twitching, burning hot and now he passed out", "somewhere cool")]
    [InlineData("our dog licked some powder off the floor and now he can barely move", "vet")]
    [InlineData("mi nieta de 2 años se tomó unas pastillas y está muy dormida", "Control de Envenenamientos")]
    [InlineData("i did more than normal and i can barely keep my eyes open, im alone", "Unlock the door")]
    [InlineData("estoy solo y me meti mas de lo normal me estoy durmiendo ayuda", "Deja la puerta sin llave")]
    [InlineData("got out two weeks ago and just used, im dizzy, my breathing feels slow", "Unlock the door")]
    [InlineData("did a line of coke and now hes not breathing lips blue", "Tilt head back")]
    [InlineData("hes been up for 3 days on meth and now hes seizing on the floor", "somewhere cool")]
    [InlineData("mi hijo esta convulsionando despues de fumar cristal", "lugar fresco")]
    [InlineData("mi amiga tomo tachas, esta ardiendo y no sabe donde esta, se esta desmayando", "lugar fresco")]
    [InlineData("the abscess on my arm is worse, fever and chills and i feel confused", "sepsis")]
    [InlineData("tengo una herida de xilacina, fiebre y me siento confundida", "sepsis")]
    [InlineData("my dog got into a baggie of meth, hes panting and his heart is racing", "vet")]
    [InlineData("mi perro se comio un pedazo de cristal y tiene el corazon a mil", "veterinario")]
    [InlineData("my cat is not breathing right after licking some fent off the table", "vet")]
    [InlineData("my 3 yr old chewed up a perc, hes breathing slow", "Poison Control")]
    [InlineData("my little girl chewed some of grandmas pills and wont wake up", "Poison Control")]
    [InlineData("mi hijo de 2 años mordio una pastilla de metadona y esta respirando lento", "Control de Envenenamientos")]
    [InlineData("mi bebe estaba masticando mis pastillas y no despierta", "Control de Envenenamientos")]
    [InlineData("i think my uncle has the dts, he quit drinking friday and keeps grabbing at the air", "DTs")]
    [InlineData("creo que mi papa tiene el delirium, dejo de tomar hace tres dias", "delirium tremens")]
    [InlineData("mi esposo lleva dias sin dormir con el cristal y dice que ve demonios, se quiere salir a la carretera", "lugar fresco")]
    [InlineData("el cipote de la vecina se tomo unas pastillas de su papa y esta bien dormido", "Control de Envenenamientos")]
    [InlineData("gave her narcan and she woke up, now shes mad and trying to leave", "wears off")]
    [InlineData("le di narcan y desperto pero se quiere ir, lo dejo?", "La naloxona dura")]
    public async Task The_kind_of_emergency_follows_what_surrounds_the_signs(string message, string expected)
    {
        var flow = new TestFlow(engine.Bot, ChannelProfile.Sms());
        await flow.Send(message).AssertOutcome(TurnKind.Emergency).StartTestAsync();

        var all = string.Join("\n", flow.Adapter.ActiveQueue.Select(a => a.Text));
        Assert.Contains(expected, all, StringComparison.Ordinal);
    }
}
