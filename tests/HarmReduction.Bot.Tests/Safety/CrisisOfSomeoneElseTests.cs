using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// Someone writing about another person's crisis gets what to do for them (crisis-someone-else: 911 when they are in
/// danger now, 988 with them or for them, ask directly, move the means away); the writer's own crisis, even in a message
/// about someone, gets the crisis reply written to them. The rules alone judge these (no vector is given).
/// </summary>
public sealed class CrisisOfSomeoneElseTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Theory]
    // Said of someone else: by a reported phrase, a phrase in the third person, or the subject just before the phrase.
    [InlineData("my friend says she wants to die, how do i help her", "crisis-someone-else")]
    [InlineData("my son locked himself in his room with my gun and says hes going to end it", "crisis-someone-else")]
    [InlineData("my dad keeps saying he wants to end it all and he has his hunting rifle", "crisis-someone-else")]
    [InlineData("mi mama dice que ya no quiere vivir", "crisis-someone-else")]
    [InlineData("mi hijo se encerro en el bano con una navaja y dice que se va a matar", "crisis-someone-else")]
    // The writer's own, though the message names someone else.
    [InlineData("my wife left me and i want to die", "crisis")]
    [InlineData("my mom died last year and i dont want to live without her", "crisis")]
    [InlineData("since my husband left i keep thinking everyone would be better off without me", "crisis")]
    [InlineData("mi esposo se fue y ya no quiero vivir", "crisis")]
    [InlineData("i want to kill myself", "crisis")]
    public void The_crisis_reply_is_written_for_whoever_is_in_crisis(string message, string reply)
    {
        var assessment = engine.Bot.Snapshot.Safety.Assess(message);

        Assert.Equal(SafetyKind.Crisis, assessment.Kind);
        Assert.Equal(reply, assessment.Reply);
    }
}
