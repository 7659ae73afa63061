using System.Globalization;
using System.Text.RegularExpressions;

namespace HarmReduction.Bot.Knowledge;

/// <summary>
/// How hard a plain text is to read, with the usual formula for each language.
/// English: the Flesch-Kincaid grade level, 0.39 × words per sentence + 11.8 × syllables per word − 15.59 (a US school grade).
/// Spanish: the Fernández-Huerta readability index, 206.84 − 60 × syllables per word − 1.02 × words per sentence
/// (Fernández Huerta 1959, with the correction of Law 2011); 0-100, higher is easier, and its own table gives the school
/// grade: 90+ grade 4, 80-90 grade 5, 70-80 grade 6, 60-70 grades 7-8, 50-60 pre-university, lower is college level.
/// Words are runs of letters or digits (a number counts as a one-syllable word); sentences end at . ! or ? followed by
/// a space or the end. Syllables are counted by vowel groups: close to a dictionary count, not equal to it.
/// </summary>
internal static partial class ReadingLevel
{
    public static ReadingScore Of(string text, string lang)
    {
        var words = WordPattern().Matches(text).Select(m => m.Value).ToList();
        if (words.Count == 0)
        {
            return ScoreOf(lang == "es" ? 100 : 0, lang);
        }

        var sentences = Math.Max(1, SentenceEnd().Split(text).Count(s => WordPattern().IsMatch(s)));
        var wordsPerSentence = (double)words.Count / sentences;
        return lang == "es"
            ? ScoreOf(206.84 - (60 * words.Average(SpanishSyllables)) - (1.02 * wordsPerSentence), lang)
            : ScoreOf((0.39 * wordsPerSentence) + (11.8 * words.Average(EnglishSyllables)) - 15.59, lang);
    }

    /// <summary>A value of the language's formula with the school grade it stands for.</summary>
    public static ReadingScore ScoreOf(double value, string lang) => lang == "es"
        ? new(value, HigherIsEasier: true, Grade: value switch
        {
            >= 90 => "grade 4",
            >= 80 => "grade 5",
            >= 70 => "grade 6",
            >= 60 => "grades 7-8",
            >= 50 => "pre-university",
            _ => "college",
        })
        : new(value, HigherIsEasier: false, Grade: value.ToString("0.0", CultureInfo.InvariantCulture));

    /// <summary>The measure behind <see cref="Of"/> for a language, as a report names it.</summary>
    public static string MeasureName(string lang) =>
        lang == "es" ? "Fernández-Huerta index, 0-100, higher is easier" : "Flesch-Kincaid grade level";

    internal static int EnglishSyllables(string word)
    {
        var w = word.ToLowerInvariant();
        if (!w.Any(char.IsLetter))
        {
            return 1;
        }

        if (w.Length <= 3)
        {
            return 1;
        }

        w = EnglishSilentEnding().Replace(w, string.Empty);
        w = w.StartsWith('y') ? w[1..] : w;
        return Math.Max(1, EnglishVowels().Count(w));
    }

    internal static int SpanishSyllables(string word)
    {
        var count = 0;
        var previous = '\0';
        foreach (var c in word.ToLowerInvariant())
        {
            if (IsSpanishVowel(c) && !(IsSpanishVowel(previous) && !IsHiatus(previous, c)))
            {
                count++;
            }

            previous = c;
        }

        return Math.Max(1, count);
    }

    private static bool IsSpanishVowel(char c) => "aeiouáéíóúü".Contains(c, StringComparison.Ordinal);

    /// <summary>Two strong vowels (a, e, o), or a stressed í or ú, are two syllables; other pairs are one diphthong.</summary>
    private static bool IsHiatus(char a, char b) =>
        ("aeoáéó".Contains(a, StringComparison.Ordinal) && "aeoáéó".Contains(b, StringComparison.Ordinal)) || "íú".Contains(a, StringComparison.Ordinal) || "íú".Contains(b, StringComparison.Ordinal);

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:'\p{L}+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[.!?]+(?=\s|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex("(?:[^laeiouy]es|ed|[^laeiouy]e)$")]
    private static partial Regex EnglishSilentEnding();

    [GeneratedRegex("[aeiouy]{1,2}")]
    private static partial Regex EnglishVowels();
}

/// <summary>A reading level: the formula's value and the school grade it stands for.</summary>
internal sealed record ReadingScore(double Value, bool HigherIsEasier, string Grade)
{
    /// <summary>Larger is harder, whichever way the formula runs.</summary>
    public double Difficulty => HigherIsEasier ? -Value : Value;

    /// <summary>Harder than a US grade 6 reader is expected to read: above grade 6.0, or a Fernández-Huerta index under 70.</summary>
    public bool AboveGrade6 => HigherIsEasier ? Value < 70 : Math.Round(Value, 1) > 6.0;

    public override string ToString() =>
        HigherIsEasier ? $"{Value.ToString("0.0", CultureInfo.InvariantCulture)} ({Grade})" : $"grade {Grade}";
}

/// <summary>The reading level of one language's SMS answers: the median and the hardest ones.</summary>
internal sealed record ReadingLevelReport(string Lang, int Count, ReadingScore Median, IReadOnlyList<(string Id, ReadingScore Score)> Hardest, IReadOnlyList<string> AboveGrade6)
{
    /// <summary>An entry's SMS answer measured as it is sent: placeholders filled from the language's resources.</summary>
    public static ReadingScore OfSms(KnowledgeEntry entry, ResourcesOptions resources) =>
        ReadingLevel.Of(Placeholders.Fill(entry.SmsAnswer, resources.For(entry.Lang)), entry.Lang);

    /// <summary>Measures each SMS answer as it is sent.</summary>
    public static ReadingLevelReport For(IEnumerable<KnowledgeEntry> entries, string lang, ResourcesOptions resources, int hardest = 5)
    {
        var scored = entries.Where(e => e.Lang == lang)
            .Select(e => (e.Id, Score: OfSms(e, resources)))
            .OrderByDescending(x => x.Score.Difficulty).ThenBy(x => x.Id, StringComparer.Ordinal)
            .ToList();
        var values = scored.Select(x => x.Score.Value).Order().ToList();
        var median = values.Count == 0 ? 0 : values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
        return new ReadingLevelReport(lang, scored.Count, ReadingLevel.ScoreOf(median, lang), scored.Take(hardest).ToList(),
            scored.Where(x => x.Score.AboveGrade6).Select(x => x.Id).ToList());
    }
}
