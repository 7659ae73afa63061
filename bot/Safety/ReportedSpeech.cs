namespace HarmReduction.Bot.Safety;

/// <summary>
/// A crisis phrase said in the first person, as someone else reports it: "i wish i never woke up" is told by a parent as
/// "he wishes he never woke up", "me quiero morir" as "se quiere morir". Families and friends write much of what reaches
/// the bot, and the phrase lists are written in the first person; each such phrase is also read in the third person.
/// Verbs that change with the person only where stemming does not already make them one ("wants" and "want" share a stem,
/// "doesnt" and "dont" do not).
/// </summary>
internal static class ReportedSpeech
{
    private static readonly Dictionary<string, IReadOnlyList<Dictionary<string, string>>> Persons = new(StringComparer.Ordinal)
    {
        ["en"] =
        [
            Person(("i", "he"), ("me", "him"), ("my", "his"), ("mine", "his"), ("myself", "himself"), ("im", "hes"), ("ive", "hes"), ("am", "is"),
                ("dont", "doesnt"), ("have", "has"), ("do", "does"), ("was", "was")),
            Person(("i", "she"), ("me", "her"), ("my", "her"), ("mine", "hers"), ("myself", "herself"), ("im", "shes"), ("ive", "shes"), ("am", "is"),
                ("dont", "doesnt"), ("have", "has"), ("do", "does"), ("was", "was")),
            Person(("i", "they"), ("me", "them"), ("my", "their"), ("mine", "theirs"), ("myself", "themselves"), ("im", "theyre"), ("ive", "theyve"),
                ("am", "are"), ("was", "were")),
        ],
        ["es"] =
        [
            Person(("me", "se"), ("mi", "su"), ("mis", "sus"), ("yo", "el"), ("conmigo", "consigo"), ("estoy", "esta"), ("voy", "va"), ("tengo", "tiene"),
                ("puedo", "puede"), ("soy", "es"), ("quiero", "quiere"), ("siento", "siente"), ("pienso", "piensa"), ("aguanto", "aguanta"),
                ("veo", "ve")),
        ],
    };

    /// <summary>The phrase in each third person of its language, when it has a first-person word; none when it has not.</summary>
    public static IEnumerable<string[]> ThirdPersonOf(string[] phrase, string language)
    {
        if (!Persons.TryGetValue(language, out var persons))
        {
            yield break;
        }

        foreach (var person in persons)
        {
            // Only a phrase with a first-person pronoun changes: "take all the pills" is already anyone's.
            if (!phrase.Any(word => person.ContainsKey(word) && IsPronoun(word)))
            {
                continue;
            }

            yield return [.. phrase.Select(word => person.TryGetValue(word, out var said) ? said : word)];
        }
    }

    private static bool IsPronoun(string word) => word is "i" or "me" or "my" or "mine" or "myself" or "im" or "ive" or "mi" or "mis" or "yo" or "conmigo";

    private static Dictionary<string, string> Person(params (string First, string Third)[] words) =>
        words.ToDictionary(w => w.First, w => w.Third, StringComparer.Ordinal);
}
