using HarmReduction.Bot.Text;

namespace HarmReduction.Bot.Knowledge.Matching;

/// <summary>English or Spanish, from function words and Spanish-only characters; <c>null</c> when a message gives no clue.</summary>
public static class LanguageDetector
{
    private static readonly HashSet<string> SpanishWords = new(StringComparer.Ordinal)
    {
        "que", "el", "la", "los", "las", "de", "del", "y", "es", "esta", "estan", "mi", "mis", "tu", "se", "lo", "le", "por", "para", "con", "una", "un",
        "como", "donde", "cuando", "puedo", "puede", "necesito", "quiero", "tengo", "tiene", "hay", "ayuda", "ayudame", "amigo", "amiga", "novio", "novia",
        "hermano", "hermana", "esposo", "esposa", "no", "respira", "despierta", "sobredosis", "naloxona", "prueba", "pruebas", "tiras", "gratis", "hola",
        "gracias", "si", "pero", "muy", "mas", "sin", "sobre", "hacer", "consigo", "conseguir", "jeringas", "jeringa", "fentanilo", "droga", "drogas",
        "usar", "uso", "inyectar", "vih", "tratamiento", "metadona", "buenas", "buenos", "dias", "tardes", "noches", "ella", "el", "ellos", "nada", "porque",
        "cual", "cuanto", "quien", "eso", "esto", "ese", "estoy", "soy", "eres", "son", "fue", "azul", "morado", "labios", "pastillas", "heridas", "herida",
        "alguien", "algun", "alguna", "alguno", "conoces", "conoce", "sabes", "sabe", "puedes", "pueden", "ver", "mis", "mensajes", "te", "nos", "les",
        "tambien", "ahora", "aqui", "alla", "bien", "mal", "malo", "mala", "bueno", "buena", "cosa", "cosas", "hoy", "manana", "noche", "ayer", "siempre",
        "nunca", "otra", "otro", "mucho", "poco", "todo", "toda", "nadie", "vez", "despues", "antes", "mientras", "entonces", "pues", "verdad", "seguro",
        "necesita", "quieres", "quiere", "tienes", "puedo", "debo", "debe", "hago", "hace", "usa", "usas", "uso", "tomo", "tomar", "tome", "pasa", "paso",
        "sirven", "sirve", "funciona", "funcionan", "cuesta", "cuestan", "gratis", "cerca", "ayudar", "ayudarme", "hablar", "persona", "gente", "mujer",
        "hombre", "cuerpo", "vida", "salud", "medico", "clinica", "hospital", "prueba", "pruebas", "tiras", "agujas", "aguja", "jeringa", "fumar", "inyectarme",
        // "a" is both languages' word ("a la policia", "a shot"): listed in both, it counts for neither.
        "a", "van", "va", "voy", "vamos", "decir", "dicen", "policia", "numero", "guardan", "saben", "enterar", "entera", "preguntar", "pregunto",
    };

    private static readonly HashSet<string> EnglishWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "is", "are", "was", "i", "im", "my", "you", "u", "your", "he", "hes", "she", "shes", "they", "it", "its", "what", "whats",
        "how", "where", "when", "why", "who", "do", "does", "did", "can", "cant", "should", "will", "wont", "to", "of", "in", "on", "for", "with", "w", "get",
        "help", "not", "breathing", "friend", "strips", "test", "free", "need", "want", "have", "has", "if", "this", "that", "there", "at", "be", "or", "but",
        "use", "using", "much", "many", "some", "any", "from", "up", "out", "hi", "hello", "hey", "thanks", "yes", "ok", "okay", "please", "pls", "wake",
        "dont", "isnt", "safe", "shot", "shoot", "sex", "blue", "lips", "him", "her", "them", "me", "we", "our", "just", "like", "know",
    };

    public static string? Detect(string text)
    {
        var spanishScore = 0.0;
        var englishScore = 0.0;
        foreach (var c in text)
        {
            if (c is '¿' or '¡' or 'ñ' or 'Ñ' or 'á' or 'í' or 'ó' or 'ú' or 'Á' or 'Í' or 'Ó' or 'Ú')
            {
                spanishScore += 1.5;
            }
        }

        foreach (var token in TextNormalizer.Tokens(text))
        {
            var spanish = SpanishWords.Contains(token);
            var english = EnglishWords.Contains(token);
            if (spanish && !english)
            {
                spanishScore += 1;
            }
            else if (english && !spanish)
            {
                englishScore += 1;
            }
            else if (token.EndsWith("cion", StringComparison.Ordinal) || token.EndsWith("ando", StringComparison.Ordinal) || token.EndsWith("iendo", StringComparison.Ordinal))
            {
                spanishScore += 0.5;
            }
            else if (token.EndsWith("ing", StringComparison.Ordinal) || token.EndsWith("tion", StringComparison.Ordinal))
            {
                englishScore += 0.5;
            }
        }

        if (spanishScore == 0 && englishScore == 0)
        {
            return null;
        }

        return spanishScore > englishScore ? "es" : englishScore > spanishScore ? "en" : null;
    }
}
