namespace HarmReduction.Bot.Knowledge.Matching;

/// <summary>
/// Function words that carry no topic. Negations ("not", "no", "cant") and pronouns that matter for safety are kept out of
/// these lists on purpose: "not breathing" and "breathing" are different questions.
/// </summary>
internal static class StopWords
{
    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "so", "of", "to", "in", "on", "at", "for", "with", "w", "by", "from", "about", "as", "into", "up",
        "is", "are", "was", "were", "be", "been", "being", "am", "im", "its", "it", "this", "that", "these", "those", "there", "here",
        "i", "me", "my", "we", "us", "our", "you", "u", "your", "ur", "ya", "yall", "they", "them", "their", "he", "him", "his", "she", "her",
        "hes", "shes", "theyre", "youre", "ive", "id", "ill", "do", "does", "did", "doing", "have", "has", "had", "gonna", "wanna", "gotta",
        "just", "really", "very", "any", "some", "also", "too", "like", "please", "pls", "plz", "thanks", "thx", "thank",
        "hey", "hi", "ok", "okay", "yo", "lol", "omg", "idk", "tho", "though", "yeah", "yes", "someone", "somebody", "anyone", "anybody",
        "thing", "things", "stuff", "even", "bro", "dude", "man", "girl", "guys", "asap", "rn", "tonight", "today", "ever", "actually", "basically",
        "would", "could", "will", "then", "than", "if", "one", "get", "got", "gets", "know", "tell", "need", "want",
        "right", "way", "best", "good", "go", "going", "say", "said", "mean", "means", "think", "put", "ways", "kind", "sort", "lot", "lots",
    };

    private static readonly HashSet<string> Spanish = new(StringComparer.Ordinal)
    {
        "a", "al", "ante", "con", "contra", "de", "del", "desde", "en", "entre", "hacia", "hasta", "para", "por", "segun", "sin", "sobre", "tras",
        "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "y", "e", "o", "u", "pero", "que", "q", "se", "si", "ya", "le", "les", "me", "te", "nos",
        "mi", "mis", "tu", "tus", "su", "sus", "yo", "el", "ella", "ellos", "ellas", "usted", "ustedes", "nosotros", "es", "son", "esta", "estan", "estoy", "estas",
        "ser", "estar", "hay", "ha", "he", "has", "han", "fue", "era", "como", "cual", "cuales", "cuando", "donde", "quien", "quienes", "porque", "pq",
        "puedo", "puede", "pueden", "hacer", "hago", "hace", "debo", "debe", "tengo", "tiene", "tienen", "quiero", "necesito", "algo", "alguien",
        "muy", "mas", "mucho", "poco", "este", "ese", "eso", "esto", "esa", "aqui", "alli", "hola", "gracias", "porfa", "favor", "bien", "mal", "cosa",
        "saber", "sabe", "va", "voy", "vas", "bueno", "buena",
        // Ways of addressing a friend, by country: left as typed, never corrected into a topic word ("parce" is not "parte").
        "parce", "parcero", "parcera", "che", "wey", "guey", "oye", "pues",
    };

    public static bool Contains(string language, string token) =>
        (language == "es" ? Spanish : English).Contains(token);
}
