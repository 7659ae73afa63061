using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Answering;

/// <summary>
/// A story, then a question: the story shares few words with any phrasing and makes the whole message unsure, so the
/// asked sentence alone says how sure to be, for an entry the whole message already ranked near the top.
/// </summary>
public sealed class AskedSentenceTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Theory]
    [InlineData("Mi tía convulsionó el mes pasado. Ya está bien. ¿Cómo se deja el alcohol de forma segura?", "Cómo se deja el alcohol de forma segura?")]
    [InlineData("este calor me tiene muerto jaja. pregunta: el calor es peligroso si uso cristal?", "el calor es peligroso si uso cristal?")]
    [InlineData("me muero de hambre jaja. pregunta seria, comer antes de usar cristal ayuda en algo?", "comer antes de usar cristal ayuda en algo?")]
    [InlineData("got out of county friday. what do i need to know so i dont od", "what do i need to know so i dont od")]
    [InlineData("in that game my guy keeps dying from stims lmao irl what does an upper od look like", "what does an upper od look like")]
    [InlineData("bro me muero si mi jefe se entera jaja en serio, cuanto tiempo sale el delta 8 en la orina", "cuanto tiempo sale el delta 8 en la orina")]
    [InlineData("where do i get narcan? thanks so much", "where do i get narcan?")] // a courtesy after the question
    [InlineData("Trabajo en una empacadora y un compañero usa pastillas. ¿Cómo se pone la naloxona en spray? La quiero tener en mi locker.", "Cómo se pone la naloxona en spray?")]
    [InlineData("my cousin got out of rehab. how long does tolerance take to drop? he starts a job monday. i want him safe", "how long does tolerance take to drop?")]
    public void The_last_sentence_that_asks_is_the_question(string message, string asked) =>
        Assert.Equal(asked, AskedSentence.Of(message));

    [Theory]
    [InlineData("is the heat more dangerous when you use meth")] // one sentence: the message is the question
    [InlineData("where do i get narcan thanks so much")] // one sentence
    [InlineData("she took too much last week. es asi? gracias")] // the question is too short to stand alone
    [InlineData("my brother started using again. when he gets paid he buys more. i am worried")] // no sentence asks: an earlier one needs a question mark
    [InlineData("she took too much last week. es asi?")] // too short to stand alone
    [InlineData("my friend od'd last month on blues. is that normal?")] // leans on the story
    [InlineData("casi me muero la ultima vez que mezcle xanax con heroina. cuanto hay que esperar entre uno y otro")] // between the two the story named
    public void No_sentence_stands_alone_as_the_question(string message) =>
        Assert.Null(AskedSentence.Of(message));

    [Fact]
    public async Task A_question_after_a_story_that_makes_the_whole_message_unsure_is_answered()
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send("Mi tía convulsionó el mes pasado unos días después de dejar de beber. Ya está bien y en su casa. ¿Cómo se deja el alcohol de forma segura?")
            .AssertOutcome(TurnKind.Answer, "abstinencia-alcohol-benzos-es")
            .StartTestAsync();
    }

    [Fact]
    public void Sentences_that_could_stand_alone_are_tried_in_order()
    {
        var sentences = AskedSentence.Sentences("Mi hijo trabaja en una lechería y fuma pastillas. Quiero tener naloxona en la casa pero no sé cómo se usa. ¿Me ayudan? Y cuanto hay que esperar entre uno y otro.");
        Assert.Equal(["Mi hijo trabaja en una lechería y fuma pastillas.", "Quiero tener naloxona en la casa pero no sé cómo se usa."], sentences);
        Assert.Empty(AskedSentence.Sentences("quiero tener naloxona en la casa pero no se como se usa")); // one sentence: the message itself
    }

    /// <summary>No sentence asks on its own ("¿Me ayudan?" is too short); the one that alone is surest answers.</summary>
    [Fact]
    public async Task A_sentence_that_alone_is_sure_answers_when_none_asks()
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send("Mi hijo trabaja en una lechería en Idaho y yo sé que fuma pastillas. Quiero tener naloxona en la casa pero no sé cómo se usa ni dónde guardarla. ¿Me ayudan?")
            .AssertOutcome(TurnKind.Answer, "naloxona-cargar-entrenamiento-es")
            .StartTestAsync();
    }

    /// <summary>"My car makes a grinding noise when I brake." alone leads to jaw grinding, but only by a clear lead, not at answer-at.</summary>
    [Fact]
    public async Task A_story_about_something_else_with_no_question_still_falls_back()
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send("My car makes a grinding noise when I brake. The shop wants a lot of money. Any ideas?")
            .AssertOutcome(TurnKind.Fallback)
            .StartTestAsync();
    }

    /// <summary>The whole message falls back (its story is about work); the question before the wish answers outright.</summary>
    [Fact]
    public async Task A_question_asked_before_a_reason_is_answered()
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send("Buenas tardes, trabajo en la planta de pollo en Gainesville y un señor de mi línea usa pastillas. ¿Cómo se usa la naloxona en spray? Quiero tener una en mi casillero por si acaso.")
            .AssertOutcome(TurnKind.Answer, "naloxona-spray-nasal-como-usar-es")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_story_and_a_question_about_something_else_still_fall_back()
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send("my friend keeps talking about narcan and the big game all week lol. who won the superbowl last year?")
            .AssertOutcome(TurnKind.Fallback)
            .StartTestAsync();
    }
}
