using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Tests.Harness;
using HarmReduction.Bot.Tests.Knowledge;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// One line of safety.yaml for the ways a sign is said ("labios (azules|morados)"), and phrases that take a reassurance
/// back ("breathing better now but still wont wake up").
/// </summary>
public sealed class PhraseAlternativesTests(EngineFixture engine) : IClassFixture<EngineFixture>, IDisposable
{
    private readonly KnowledgeFolderBuilder _folder = new();

    [Fact]
    public void Each_choice_of_each_group_makes_a_phrase_and_an_empty_choice_leaves_words_out()
    {
        var (phrases, error) = PhraseAlternatives.Expand("no (se |)esta (despertando|respirando)");

        Assert.Null(error);
        Assert.Equal(["no se esta despertando", "no se esta respirando", "no esta despertando", "no esta respirando"], phrases);
    }

    [Theory]
    [InlineData("labios (azules|morados", "opens a group with '(' that is never closed")]
    [InlineData("labios azules|morados", "has a ')' or '|' outside a group; write choices as (a|b)")]
    [InlineData("labios (azules)", "has a group without a choice; write choices as (a|b)")]
    [InlineData("labios ((muy|) azules|morados)", "has a group inside a group; write the choices out in one group")]
    [InlineData("(a|b|c|d|e) (a|b|c|d|e) (a|b|c|d|e) (a|b)", "stands for more than 96 phrases; split it into several lines")]
    public void A_malformed_line_is_an_error_that_says_what_is_wrong(string line, string message)
    {
        var (phrases, error) = PhraseAlternatives.Expand(line);

        Assert.Empty(phrases);
        Assert.Equal($"'{line}' {message}", error);
    }

    [Fact]
    public void A_malformed_line_in_safety_yaml_stops_the_load_and_names_the_list()
    {
        var safety = File.ReadAllText(Path.Combine(_folder.Root, "safety.yaml")).Replace("en: [not breathing]", "en: [not breathing, lips (blue|gray]", StringComparison.Ordinal);

        var errors = _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry).With("safety.yaml", safety).Load().Errors.Select(e => e.ToString()).ToList();

        Assert.Contains(errors, e => e.StartsWith(_folder.Display("safety.yaml") + ":5:", StringComparison.Ordinal)
            && e.EndsWith("signs of 'opioid-overdose' (en): 'lips (blue|gray' opens a group with '(' that is never closed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mi hermano no esta despertando y los labios son color purpura")]
    [InlineData("su respiracion es muy lenta y no se mueve bien")]
    [InlineData("la vecina hace ruido como ahogandose en el pasillo")]
    public void Spanish_signs_written_with_choices_are_heard_in_the_shipped_rules(string message) =>
        Assert.Equal(SafetyKind.Emergency, engine.Bot.Snapshot.Safety.Assess(message).Kind);

    [Fact]
    public void A_reassurance_taken_back_with_but_still_is_an_emergency_and_alone_it_is_not()
    {
        var safety = engine.Bot.Snapshot.Safety;

        Assert.Equal(SafetyKind.Emergency, safety.Assess("gave him narcan, hes breathing better now but still wont wake up at all").Kind);
        Assert.Equal(SafetyKind.None, safety.Assess("gave him narcan last night, hes breathing better now. how long should i watch him?").Kind);
    }

    public void Dispose() => _folder.Dispose();
}
