namespace HarmReduction.Bot.Text;

/// <summary>A list of words embedded in the assembly, one a line, '#' lines being comments.</summary>
internal static class EmbeddedWordList
{
    public static HashSet<string> Read(string resourceName)
    {
        using var stream = typeof(EmbeddedWordList).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded list {resourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim();
            if (word.Length > 0 && word[0] != '#')
            {
                words.Add(word);
            }
        }

        return words;
    }
}
