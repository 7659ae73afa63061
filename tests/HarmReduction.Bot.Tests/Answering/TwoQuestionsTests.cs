using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Answering;

/// <summary>A message that asks two things gets both answers, in the order asked; one question still gets one answer.</summary>
public sealed class TwoQuestionsTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Theory]
    [InlineData("how do i get narcan and also is there anywhere i can get a hep c test", "how do i get narcan", "is there anywhere i can get a hep c test")]
    [InlineData("where do i get narcan, and how much does narcan cost", "where do i get narcan", "how much does narcan cost")]
    [InlineData("can i get subs on telehealth and would my job find out", "can i get subs on telehealth", "would my job find out")]
    [InlineData("dónde consigo narcan y de paso una prueba de hepatitis", "dónde consigo narcan", "una prueba de hepatitis")]
    [InlineData("quiero empezar suboxone pero también tengo una herida que no sana", "quiero empezar suboxone", "tengo una herida que no sana")]
    public void A_message_splits_where_another_question_starts(string message, string first, string second)
    {
        Assert.Equal([first, second], QuestionParts.Split(message));
    }

    [Theory]
    [InlineData("how do i use narcan")]
    [InlineData("is it safe to mix xanax and alcohol")] // "and" between two drugs is one question
    [InlineData("que es la naloxona y como se usa")]
    [InlineData("narcan? where")] // the second part is too short to be a question of its own
    [InlineData("Where can I get Narcan for free? I live in a small town and the pharmacy wants money for it.")] // the story is not a question
    [InlineData("How long does Narcan last? Can the overdose come back?")] // after a question mark: most often the same question again
    [InlineData("What is PrEP, and can people who inject drugs get it?")] // "it" leans on the first part
    [InlineData("i got narcan and also what can i do")] // no topic of its own
    public void One_question_does_not_split(string message)
    {
        Assert.Empty(QuestionParts.Split(message));
    }

    [Fact]
    public async Task Two_questions_by_sms_get_both_short_answers_as_two_texts()
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send("how do i get narcan and also is there anywhere i can get a hep c test")
            .AssertOutcome(TurnKind.Answer, "naloxone-where-to-get")
            .AssertReply(reply => Assert.Contains("pharmac", reply.Text, StringComparison.OrdinalIgnoreCase))
            .AssertReply(reply =>
            {
                Assert.Contains("Hep C", reply.Text, StringComparison.Ordinal);
                Assert.Contains("test", reply.Text, StringComparison.Ordinal);
            })
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task Two_questions_in_spanish_on_the_web_get_both_full_answers_in_the_order_asked()
    {
        await new TestFlow(engine.Bot, ChannelProfile.Web())
            .Send("dónde consigo narcan y de paso una prueba de hepatitis")
            .AssertOutcome(TurnKind.Answer, "naloxona-donde-conseguir-es")
            .AssertReply(reply => Assert.Contains("naloxona", reply.Text, StringComparison.OrdinalIgnoreCase))
            .AssertReply(reply =>
            {
                Assert.Contains("hepatitis C", reply.Text, StringComparison.Ordinal);
                Assert.NotEmpty(reply.SuggestedActions!.Actions); // the first answer's follow-ups, on the newest message
            })
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task Two_ways_of_asking_the_same_thing_get_one_answer()
    {
        await new TestFlow(engine.Bot, ChannelProfile.Sms())
            .Send("how do i use narcan? how do you spray narcan up the nose")
            .AssertOutcome(TurnKind.Answer, "naloxone-nasal-how-to")
            .AssertReply(reply => Assert.Contains("nostril", reply.Text, StringComparison.Ordinal))
            .AssertNoReply()
            .StartTestAsync();
    }
}
