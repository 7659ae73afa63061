using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// A "but still" takes a reassurance back only right after it ("ok now but still not breathing"); later in the message it is
/// the writer's own feeling. The rules alone judge these (no vector is given).
/// </summary>
public sealed class ReassuranceTakenBackTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Theory]
    [InlineData("gave him narcan hes ok now but still not breathing right", true)]
    [InlineData("Last weekend I found my roommate blue and not breathing. I gave her Narcan and called 911 and she's totally fine now. I'm proud of myself but still kind of shaky. What should she do to be safer going forward?", false)]
    public void But_still_takes_back_only_the_reassurance_right_before_it(string message, bool emergency)
    {
        var assessment = engine.Bot.Snapshot.Safety.Assess(message);

        Assert.Equal(emergency, assessment.Kind == SafetyKind.Emergency);
    }
}
