using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Answering;

public enum Command
{
    None,
    Greeting,
    Menu,
    Help,
    More,
    Reset,

    /// <summary>"thanks", "gracias": a one-segment "you're welcome".</summary>
    Thanks,

    /// <summary>"ok", "got it": a one-segment "I'm here if you have another question".</summary>
    Okay,
}

/// <summary>The few words that steer the conversation rather than ask a question; matched on the whole message only.</summary>
public static class CommandRecognizer
{
    private static readonly Dictionary<string, Command> Phrases = new(StringComparer.Ordinal)
    {
        ["hi"] = Command.Greeting, ["hello"] = Command.Greeting, ["hey"] = Command.Greeting, ["hiya"] = Command.Greeting, ["yo"] = Command.Greeting,
        ["sup"] = Command.Greeting, ["hey there"] = Command.Greeting, ["hi there"] = Command.Greeting, ["hello there"] = Command.Greeting,
        ["good morning"] = Command.Greeting, ["good evening"] = Command.Greeting, ["good afternoon"] = Command.Greeting, ["whats up"] = Command.Greeting,
        ["hola"] = Command.Greeting, ["buenas"] = Command.Greeting, ["buenos dias"] = Command.Greeting, ["buenas tardes"] = Command.Greeting,
        ["buenas noches"] = Command.Greeting, ["que tal"] = Command.Greeting, ["start"] = Command.Greeting, ["get started"] = Command.Greeting,
        ["menu"] = Command.Menu, ["main menu"] = Command.Menu, ["options"] = Command.Menu, ["topics"] = Command.Menu, ["menu please"] = Command.Menu,
        ["show menu"] = Command.Menu, ["show me the menu"] = Command.Menu, ["menú"] = Command.Menu, ["opciones"] = Command.Menu, ["temas"] = Command.Menu,
        ["help"] = Command.Help, ["help me"] = Command.Help, ["info"] = Command.Help, ["ayuda"] = Command.Help,
        ["more"] = Command.More, ["mas"] = Command.More, ["more please"] = Command.More, ["more info"] = Command.More, ["tell me more"] = Command.More,
        ["more details"] = Command.More, ["details"] = Command.More, ["continue"] = Command.More, ["go on"] = Command.More, ["next"] = Command.More,
        ["mas informacion"] = Command.More, ["mas info"] = Command.More, ["sigue"] = Command.More, ["siguiente"] = Command.More,
        ["reset"] = Command.Reset, ["start over"] = Command.Reset, ["restart"] = Command.Reset, ["clear"] = Command.Reset, ["new conversation"] = Command.Reset,
        ["begin again"] = Command.Reset, ["empezar de nuevo"] = Command.Reset, ["reiniciar"] = Command.Reset, ["borrar"] = Command.Reset,
        ["thanks"] = Command.Thanks, ["thank you"] = Command.Thanks, ["thank u"] = Command.Thanks, ["thx"] = Command.Thanks, ["ty"] = Command.Thanks,
        ["tysm"] = Command.Thanks, ["thanks a lot"] = Command.Thanks, ["thanks so much"] = Command.Thanks, ["thank you so much"] = Command.Thanks,
        ["ok thanks"] = Command.Thanks, ["ok thank you"] = Command.Thanks, ["okay thanks"] = Command.Thanks, ["cool thanks"] = Command.Thanks,
        ["thanks bot"] = Command.Thanks, ["gracias"] = Command.Thanks, ["muchas gracias"] = Command.Thanks, ["mil gracias"] = Command.Thanks,
        ["ok gracias"] = Command.Thanks, ["vale gracias"] = Command.Thanks, ["gracias bot"] = Command.Thanks,
        ["ok"] = Command.Okay, ["okay"] = Command.Okay, ["okey"] = Command.Okay, ["oki"] = Command.Okay, ["k"] = Command.Okay, ["kk"] = Command.Okay,
        ["got it"] = Command.Okay, ["cool"] = Command.Okay, ["alright"] = Command.Okay, ["all right"] = Command.Okay, ["sounds good"] = Command.Okay,
        ["vale"] = Command.Okay, ["bueno"] = Command.Okay, ["listo"] = Command.Okay, ["entendido"] = Command.Okay, ["esta bien"] = Command.Okay,
    };

    /// <summary>Every phrase recognised (for the tests that check none of them is a situation).</summary>
    internal static IReadOnlyCollection<string> AllPhrases => Phrases.Keys;

    public static Command Recognize(string text)
    {
        var phrase = TextNormalizer.FoldToPhrase(text);
        return Phrases.TryGetValue(phrase, out var command) ? command : Command.None;
    }
}
