using HarmReduction.Bot.Knowledge;

namespace HarmReduction.Bot.Tests.Knowledge;

public sealed class ReadingLevelTests
{
    [Theory]
    [InlineData("naloxone", 3)]
    [InlineData("overdose", 3)]
    [InlineData("breathing", 2)]
    [InlineData("call", 1)]
    [InlineData("911", 1)]
    public void English_syllables_are_counted_by_vowel_groups(string word, int syllables) =>
        Assert.Equal(syllables, ReadingLevel.EnglishSyllables(word));

    [Theory]
    [InlineData("naloxona", 4)]
    [InlineData("respiración", 4)]
    [InlineData("heroína", 4)]
    [InlineData("día", 2)]
    [InlineData("que", 1)]
    [InlineData("y", 1)]
    public void Spanish_syllables_keep_diphthongs_together_and_split_hiatus(string word, int syllables) =>
        Assert.Equal(syllables, ReadingLevel.SpanishSyllables(word));

    [Fact]
    public void Short_plain_english_reads_at_a_low_grade_and_long_technical_english_at_a_high_one()
    {
        var plain = ReadingLevel.Of("Call for help. Give naloxone. Stay with them.", "en");
        var technical = ReadingLevel.Of("Precipitated withdrawal is sudden, severe withdrawal when buprenorphine is administered prematurely after full agonist opioids.", "en");

        Assert.True(plain.Value < 3, plain.ToString());
        Assert.True(technical.Value > 12, technical.ToString());
    }

    [Fact]
    public void Spanish_is_measured_with_fernandez_huerta_where_higher_is_easier()
    {
        var plain = ReadingLevel.Of("Llama ya. Dale naloxona. Quédate con la persona.", "es");
        var technical = ReadingLevel.Of("La abstinencia precipitada es una reacción repentina e intensa cuando la buprenorfina se administra prematuramente después de opioides agonistas completos.", "es");

        Assert.True(plain.Value > 70, plain.ToString());
        Assert.True(technical.Value < 50, technical.ToString());
        Assert.True(technical.Difficulty > plain.Difficulty);
    }

    [Fact]
    public void The_shipped_english_sms_answers_read_at_grade_6_or_below_on_median()
    {
        var result = new KnowledgeLoader(new ResourcesOptions(), TimeProvider.System).Load(Harness.RepoPaths.Knowledge);

        var report = ReadingLevelReport.For(result.Knowledge!.Entries, "en", new ResourcesOptions());

        Assert.True(report.Median.Value <= 6, $"median {report.Median}; hardest: {string.Join(", ", report.Hardest.Select(h => $"{h.Id} {h.Score}"))}");
    }

    [Fact]
    public void Every_shipped_english_sms_answer_reads_at_grade_6_or_below()
    {
        var result = new KnowledgeLoader(new ResourcesOptions(), TimeProvider.System).Load(Harness.RepoPaths.Knowledge);

        var report = ReadingLevelReport.For(result.Knowledge!.Entries, "en", new ResourcesOptions());

        Assert.True(report.AboveGrade6.Count == 0, $"{report.AboveGrade6.Count} English SMS answers read above grade 6: {string.Join(", ", report.AboveGrade6)}");
    }

    [Fact]
    public void The_report_lists_the_hardest_answers_first()
    {
        var result = new KnowledgeLoader(new ResourcesOptions(), TimeProvider.System).Load(Harness.RepoPaths.Knowledge);

        var report = ReadingLevelReport.For(result.Knowledge!.Entries, "es", new ResourcesOptions());

        Assert.Equal(5, report.Hardest.Count);
        Assert.True(report.Hardest[0].Score.Value <= report.Hardest[4].Score.Value);
        Assert.True(report.Hardest[4].Score.Value <= report.Median.Value);
    }

    [Fact]
    public void Every_shipped_spanish_sms_answer_reads_at_grade_6_or_below()
    {
        var result = new KnowledgeLoader(new ResourcesOptions(), TimeProvider.System).Load(Harness.RepoPaths.Knowledge);

        var report = ReadingLevelReport.For(result.Knowledge!.Entries, "es", new ResourcesOptions());

        Assert.True(report.AboveGrade6.Count == 0, $"Fernández-Huerta index under 70 (above grade 6): {string.Join(", ", report.AboveGrade6)}");
    }
}
