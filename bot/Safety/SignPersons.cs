namespace HarmReduction.Bot.Safety;

/// <summary>
/// A sign that means the same whoever has it, said for every person: "se me duerme el brazo izquierdo" (mine) is also
/// "se le duerme el brazo izquierdo" (his or hers), "pressure in my chest" is also "pressure in his chest" and "in her
/// chest". People write about themselves and about the person next to them in the same words, and a list that names
/// each person by hand always misses one. Only the pronouns change, one of them at a time.
/// </summary>
internal static class SignPersons
{
    private static readonly Dictionary<string, Dictionary<string, string[]>> Others = new(StringComparer.Ordinal)
    {
        ["en"] = new(StringComparer.Ordinal)
        {
            ["my"] = ["his", "her"],
            ["his"] = ["my", "her"],
            ["her"] = ["my", "his"],
        },
        ["es"] = new(StringComparer.Ordinal)
        {
            ["me"] = ["le"],
            ["le"] = ["me"],
        },
    };

    /// <summary>The phrase as written, then the same phrase with each of its pronouns said for the other persons.</summary>
    public static IReadOnlyList<string[]> Of(string[] phrase, string language)
    {
        var forms = new List<string[]> { phrase };
        if (!Others.TryGetValue(language, out var others))
        {
            return forms;
        }

        for (var i = 0; i < phrase.Length; i++)
        {
            if (!others.TryGetValue(phrase[i], out var persons))
            {
                continue;
            }

            foreach (var person in persons)
            {
                var form = (string[])phrase.Clone();
                form[i] = person;
                if (!forms.Any(f => f.SequenceEqual(form)))
                {
                    forms.Add(form);
                }
            }
        }

        return forms;
    }
}
