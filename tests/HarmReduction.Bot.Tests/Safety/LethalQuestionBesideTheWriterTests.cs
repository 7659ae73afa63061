using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// A question about what amount kills, with the writer speaking of themself in another sentence of a message about no one
/// else, is a crisis (<c>speaks_of_oneself</c> in safety.yaml); none of these messages holds a <c>for_oneself</c> phrase.
/// </summary>
public sealed class LethalQuestionBesideTheWriterTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Theory]
    [InlineData("how long does it take to die from car exhaust in a closed garage. ive got the keys in my hand", true)]
    [InlineData("would a whole bottle of tylenol pm be enough to stop everything? i dont see another way", true)]
    [InlineData("cuanto tarda uno en morir con el gas de la estufa? ando pensando muchas cosas", true)]
    // The same question alone, about someone else, said to be for a class or out of curiosity, or long ago.
    [InlineData("how long does it take to die from car exhaust in a closed garage", false)]
    [InlineData("how long does it take to die from an overdose? my brother died alone and i keep wondering if he suffered", false)]
    [InlineData("how long does it take to die from carbon monoxide? just curious, i saw it on a show", false)]
    [InlineData("cuanto tarda uno en morir con el gas de la estufa? es para un trabajo del colegio, ando investigando", false)]
    [InlineData("how long does it take to die from an od? i asked myself that a lot years ago, im doing good now", false)]
    // Lethal-sounding words told, not asked.
    [InlineData("I'm an EMT in a rural county. We keep getting patients who don't fully wake up after naloxone. What's the current thinking on repeat doses?", false)]
    [InlineData("Ando malilla desde ayer, no tengo para comprar y no quiero volver a lo mismo. Me duele todo el cuerpo. ¿Qué puedo hacer para aguantar?", false)]
    public void A_lethal_question_is_a_crisis_only_with_the_writer_beside_it(string message, bool crisis)
    {
        var assessment = engine.Bot.Snapshot.Safety.Assess(message);

        Assert.Equal(crisis, assessment.Kind == SafetyKind.Crisis);
    }
}
