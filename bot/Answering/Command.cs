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

    /// <summary>The words of a thank-you; anywhere in the message, with only <see cref="Courtesy"/> words around them.</summary>
    private static readonly string[][] ThanksWords =
    [
        ["thank", "you"], ["thank", "u"], ["thanks"], ["thx"], ["ty"], ["tysm"], ["appreciate", "it"], ["appreciate", "you"],
        ["appreciate", "u"], ["muchas", "gracias"], ["mil", "gracias"], ["gracias"],
    ];

    /// <summary>
    /// What people add to a thank-you without asking anything ("that helped a lot", "god bless", "me sirvio mucho,
    /// bendiciones"). Any other word (a drug, a question word) makes it a message to answer, not a courtesy. "everything"
    /// and "todo" are left out on purpose: "thank you for everything" and "gracias por todo" can be goodbyes.
    /// </summary>
    private static readonly HashSet<string> Courtesy = new(StringComparer.Ordinal)
    {
        "ok", "okay", "oh", "wow", "so", "very", "really", "much", "a", "lot", "alot", "that", "this", "it", "helped", "helps",
        "helpful", "was", "is", "for", "the", "info", "information", "answer", "answers", "help", "you", "u", "ur", "youre", "are",
        "best", "god", "bless", "blessings", "man", "bro", "sis", "fam", "lol", "again", "and", "i", "appreciate",
        "me", "sirvio", "sirve", "ayudo", "ayudaste", "mucho", "muchisimo", "muy", "bendiciones", "dios", "te", "le", "lo",
        "bendiga", "por", "la", "informacion", "eres", "maximo", "amigo", "amiga", "hermano", "amable", "y", "de",
        "verdad", "en", "serio", "super", "buena", "bueno", "genial", "tu", "su", "ayuda", "vale", "pues",
    };

    public static Command Recognize(string text)
    {
        var phrase = TextNormalizer.FoldToPhrase(text);
        if (Phrases.TryGetValue(phrase, out var command))
        {
            return command;
        }

        return IsThanks(TextNormalizer.Tokens(text)) ? Command.Thanks : Command.None;
    }

    /// <summary>A thank-you with only courtesy around it: "thank u that helped alot", "gracias me sirvio mucho bendiciones".</summary>
    private static bool IsThanks(IReadOnlyList<string> tokens)
    {
        if (tokens.Count is < 2 or > 12)
        {
            return false;
        }

        foreach (var thanks in ThanksWords)
        {
            for (var at = 0; at + thanks.Length <= tokens.Count; at++)
            {
                if (thanks.Select((word, i) => tokens[at + i] == word).All(same => same)
                    && tokens.Where((_, i) => i < at || i >= at + thanks.Length).All(Courtesy.Contains))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
