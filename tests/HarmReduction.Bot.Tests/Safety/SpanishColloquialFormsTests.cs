using HarmReduction.Bot.Safety;

namespace HarmReduction.Bot.Tests.Safety;

/// <summary>
/// Clipped forms of "estar" and diminutives are read back into the words the Spanish safety phrases use: "ta azulito" is
/// "esta azul". What the rules then make of such messages is in <see cref="RulesAloneJudgeTests"/>.
/// </summary>
public sealed class SpanishColloquialFormsTests
{
    private static readonly SpanishColloquialForms Forms = new(new HashSet<string>(["esta", "azul", "azules", "morado", "morada", "frio", "poco", "solo", "caliente", "amigo", "que", "gre"], StringComparer.Ordinal));

    [Theory]
    [InlineData("ta", "esta")]
    [InlineData("Toy", "estoy")]
    [InlineData("azulito", "azul")]
    [InlineData("azulita", "azul")]
    [InlineData("azulitos", "azules")]
    [InlineData("moradito", "morado")]
    [InlineData("moradita", "morada")]
    [InlineData("friito", "frio")]
    [InlineData("poquito", "poco")]
    [InlineData("solito", "solo")]
    [InlineData("calientito", "caliente")]
    [InlineData("amiguito", "amigo")]
    public void A_colloquial_form_is_read_back_to_the_phrase_word(string typed, string word) =>
        Assert.Equal(word, Forms.WordFor(typed));

    [Theory]
    [InlineData("necesito")] // ends like a diminutive, but "neceso" is no phrase word
    [InlineData("bonito")]
    [InlineData("azul")] // a phrase word itself
    [InlineData("ahorita")] // not in this set of phrase words
    [InlineData("cita")]
    [InlineData("quito")] // "me quito la vida": a verb, though "qu" + "e" is "que"
    [InlineData("grita")]
    public void Other_words_stand_for_themselves(string typed) => Assert.Null(Forms.WordFor(typed));

    [Fact]
    public void Only_the_colloquial_words_change_and_the_rest_stays_as_typed() =>
        Assert.Equal("el loco esta nodding y esta azul, ¿qué hago?", Forms.ReadBack("el loco ta nodding y ta azulito, ¿qué hago?"));

    [Theory]
    [InlineData("my kid swallowed a toy and he says hes ok")]
    [InlineData("ta for the info, ill get the strips")]
    public void A_message_read_as_English_keeps_its_words(string message) => Assert.Equal(message, Forms.ReadBack(message));
}
