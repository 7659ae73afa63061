using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// A strong sign after a verb of being ("guy ... is unresponsive") in a message that asks is said of someone who is there,
/// whoever the people list names; the rules alone judge these (no vector is given).
/// </summary>
public sealed class SignSaidOfSomeoneInAQuestionTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Theory]
    [InlineData("Guy behind the shed is unresponsive, no kit on me and nobody here has anything. Whats the fastest thing to do", true)]
    [InlineData("lady at the bus stop looks unresponsive whats the number for poison control", true)]
    // Questions about the sign itself, and suppositions.
    [InlineData("what does it mean when a person is unresponsive", false)]
    [InlineData("what should i do if someone is unresponsive", false)]
    [InlineData("how long is someone unresponsive after narcan", false)]
    public void A_sign_after_a_verb_of_being_has_someone_there(string message, bool emergency)
    {
        var assessment = engine.Bot.Snapshot.Safety.Assess(message);

        Assert.Equal(emergency, assessment.Kind == SafetyKind.Emergency);
    }
}
