using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>A sign of an <c>any_person</c> kind is read for every person; the rules alone judge these (no vector is given).</summary>
public sealed class SignPersonsTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public void Each_pronoun_is_said_for_the_other_persons_one_at_a_time()
    {
        var forms = SignPersons.Of(["se", "me", "duerme", "el", "brazo"], "es").Select(f => string.Join(' ', f)).ToList();

        Assert.Equal(["se me duerme el brazo", "se le duerme el brazo"], forms);
    }

    [Fact]
    public void English_possessives_are_said_for_each_person() =>
        Assert.Equal(
            ["pressure in my chest", "pressure in his chest", "pressure in her chest"],
            SignPersons.Of(["pressure", "in", "my", "chest"], "en").Select(f => string.Join(' ', f)));

    [Fact]
    public void A_phrase_without_pronouns_is_only_itself() =>
        Assert.Single(SignPersons.Of(["chest", "pain"], "en"));

    [Theory]
    [InlineData("a mi papa se le duerme el brazo izquierdo ahorita y esta sudando frio", "chest-pain")]
    [InlineData("tengo mucha presion en el pecho y se me duerme el brazo izquierdo", "chest-pain")]
    public void A_sign_written_for_one_person_is_heard_for_another(string message, string kind)
    {
        var assessment = engine.Bot.Snapshot.Safety.Assess(message);

        Assert.Equal(SafetyKind.Emergency, assessment.Kind);
        Assert.Equal(kind, assessment.Rule);
    }
}
