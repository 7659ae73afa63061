using HarmReduction.Bot.Knowledge;
using HarmReduction.Bot.Safety;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// An entry's phrasing votes "none" for itself, and decides alone when a message is nearly the same. Left out, the net
/// says what it hears without it: that is how <c>validate --routing</c> finds a phrasing that tells an emergency.
/// </summary>
public sealed class SituationNetLeaveOutTests
{
    private const string Phrasing = "my kid ate my delta 8 gummies";

    [Fact]
    public void A_phrasing_left_out_no_longer_votes_and_the_bank_is_heard()
    {
        var net = NetOf();
        var message = HandSetVectors.Unit(1, 0, 0);

        var withIt = net.Vote(message, "en");
        var without = net.Vote(message, "en", leaveOut: Phrasing);

        Assert.True(withIt.Decisive);
        Assert.Null(withIt.Label);
        Assert.Equal("swallowed", without.Label);
        Assert.DoesNotContain(without.Neighbours, n => n.Example.Text == Phrasing);
    }

    private static SituationNet NetOf() => HandSetVectors.Net(
        [
            new("swallowed", "my toddler chewed a gummy from my bag", HandSetVectors.Unit(0.9f, 0.436f, 0)),
            new("swallowed", "my son found my edibles and ate two", HandSetVectors.Unit(0.85f, 0, 0.527f)),
            new(Situations.None, "are edibles stronger than smoking", HandSetVectors.Unit(0.3f, -0.954f, 0)),
        ],
        new SafetyNetOptions { Neighbours = 3 },
        phrasings: [new(Situations.None, Phrasing, HandSetVectors.Unit(1, 0, 0))]);
}
