using HarmReduction.Bot.Safety;
using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// Where a phrase matches, word by word: a not-crisis phrase explains away only the crisis phrases whose own matched words
/// it took, so the span of each match must be exact (gaps, runs of words typed together, repeats).
/// </summary>
public sealed class PhraseMatchSpanTests
{
    private static readonly HashSet<string> NoKnownWords = new(StringComparer.Ordinal);

    [Theory]
    [InlineData("lips gray", "his lips look kinda gray now", 1, 5)]
    [InlineData("not breathing", "hesnotbreathing help", 0, 1)]
    [InlineData("not breathing", "he is not breathin", 2, 4)]
    [InlineData("wont wake up", "she wontwake up", 1, 3)]
    public void A_match_spans_from_its_first_typed_word_to_the_one_after_its_last(string phrase, string message, int start, int end)
    {
        var matches = PhraseMatcher.Matches(TextNormalizer.Tokens(message), TextNormalizer.Tokens(phrase), NoKnownWords).ToList();

        Assert.Equal([(start, end)], matches);
    }

    [Fact]
    public void Every_place_a_phrase_matches_is_found_in_order()
    {
        var tokens = TextNormalizer.Tokens("quiero matarme pero no quiero hacerle dano");

        Assert.Equal([(0, 1), (4, 5)], PhraseMatcher.Matches(tokens, ["quiero"], NoKnownWords));
        Assert.Equal([(3, 7)], PhraseMatcher.Matches(tokens, ["no", "quiero", "hacerle", "dano"], NoKnownWords, maxGap: 0));
        Assert.Empty(PhraseMatcher.Matches(tokens, ["no", "hacerle"], NoKnownWords, maxGap: 0));
    }

    [Fact]
    public void A_negation_is_never_a_gap_so_a_denial_is_not_a_match()
    {
        Assert.Empty(PhraseMatcher.Matches(TextNormalizer.Tokens("i need to know how to not die"), ["to", "die"], NoKnownWords));
    }
}
