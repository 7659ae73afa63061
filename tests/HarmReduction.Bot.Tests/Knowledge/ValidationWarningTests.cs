using HarmReduction.Bot.Knowledge;

namespace HarmReduction.Bot.Tests.Knowledge;

public sealed class ValidationWarningTests : IDisposable
{
    private readonly KnowledgeFolderBuilder _folder = new();

    [Fact]
    public void An_entry_reviewed_more_than_12_months_ago_is_a_warning_and_the_folder_still_loads()
    {
        var result = WithTwins(KnowledgeFolderBuilder.ValidEntry.Replace("2026-11-01", "2025-11-22", StringComparison.Ordinal)).Load();

        Assert.Empty(result.Errors);
        Assert.NotNull(result.Knowledge);
        Assert.Equal(
            [$"{_folder.Display("en/naloxone.yaml")}:17:13: warning: reviewed 2025-11-22 is more than 12 months ago; check the entry against its sources and update the date"],
            result.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void An_entry_reviewed_within_12_months_has_no_warning()
    {
        var result = WithTwins(KnowledgeFolderBuilder.ValidEntry.Replace("2026-11-01", "2025-11-23", StringComparison.Ordinal)).Load();

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void An_entry_without_a_twin_is_a_warning_naming_the_missing_language()
    {
        var result = _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry).Load();

        Assert.Empty(result.Errors);
        Assert.Equal([$"{_folder.Display("en/naloxone.yaml")}:1:3: warning: entry 'naloxone-basics' (en) has no Spanish twin"], result.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void A_pair_counts_when_only_the_spanish_side_names_its_twin()
    {
        var result = WithTwins(KnowledgeFolderBuilder.ValidEntry).Load();

        Assert.Empty(result.Warnings);
        var twins = new EntryTwins(result.Knowledge!.Entries);
        Assert.Equal(1, twins.Pairs);
        Assert.Empty(twins.Alone);
    }

    [Theory]
    [InlineData("Dale naloxona aunque no sepas qué usó.", "usó", "the SMS sends it as 'uso' (I use)")]
    [InlineData("Llama a alguien si no está despierto.", "está", "the SMS sends it as 'esta' (this)")]
    [InlineData("Dale naloxona aunque no sepas que tomo.", "tomo", "it reads as 'I take'; if it means 'tomó', the SMS cannot send that accent")]
    [InlineData("Si, dale naloxona.", "Si,", "it reads as 'if'; if it means 'sí', the SMS cannot send that accent (try 'Claro,')")]
    public void A_spanish_sms_word_whose_accent_the_sms_loses_is_a_warning(string sms, string word, string why)
    {
        var result = WithTwins(KnowledgeFolderBuilder.ValidEntry, sms).Load();

        Assert.Empty(result.Errors);
        Assert.Equal([$"{_folder.Display("es/naloxona.yaml")}:10:10: warning: answer.sms has '{word}': {why}; reword so it reads one way"], result.Warnings.Select(w => w.ToString()));
    }

    [Theory]
    [InlineData("Claro: dale naloxona aunque no sepas lo que ha usado.")]
    [InlineData("Si respira, ponlo de lado y quédate con él.")]
    [InlineData("Cualquier paso cuenta, y el uso más seguro también.")]
    public void A_spanish_sms_that_reads_one_way_without_accents_has_no_warning(string sms)
    {
        Assert.Empty(WithTwins(KnowledgeFolderBuilder.ValidEntry, sms).Load().Warnings);
    }

    [Fact]
    public void An_english_answer_is_not_checked_for_spanish_accents()
    {
        var result = WithTwins(KnowledgeFolderBuilder.ValidEntry.Replace("reverses an opioid overdose.\n    web", "reverses an opioid overdose. Si, tomo.\n    web", StringComparison.Ordinal)).Load();

        Assert.Empty(result.Warnings);
    }

    public void Dispose() => _folder.Dispose();

    private KnowledgeFolderBuilder WithTwins(string english, string? spanishSms = null) =>
        _folder.With("en/naloxone.yaml", english)
            .With("es/naloxona.yaml", spanishSms is null ? KnowledgeFolderBuilder.SpanishTwin() : KnowledgeFolderBuilder.SpanishTwin(spanishSms));
}
