namespace HarmReduction.Bot.Tests.Knowledge;

public sealed class MoreValidationTests : IDisposable
{
    private readonly KnowledgeFolderBuilder _folder = new();

    [Theory]
    [InlineData("- id: naloxone-basics", "- id: Naloxone_Basics", 1, 7, "id 'Naloxone_Basics' must be kebab-case: lower-case letters, digits and single hyphens")]
    [InlineData("  topic: naloxone", "  topic: narcan", 3, 10, "unknown topic 'narcan'; use one of: alcohol, basic-needs, drug-checking, drug-tests, first-aid, harm-reduction, infections, legal, mental-health, mixing, naloxone, other-drugs, overdose, safer-use, service, sexual-health, stimulants, treatment, wounds")]
    [InlineData("  lang: en", "  lang: fr", 4, 9, "unknown lang 'fr'; use en or es")]
    [InlineData("    - is naloxone the same as narcan\n", "", 6, 5, "questions has 2; write at least 3 real phrasings")]
    [InlineData("      Naloxone (Narcan) reverses an opioid overdose.\n    web", "      **Naloxone** reverses an opioid overdose.\n    web", 10, 10, "answer.sms must be plain text; markdown belongs in answer.web")]
    [InlineData("      Naloxone (Narcan) reverses an opioid overdose.\n    web", "      Call {emergency_phone} now.\n    web", 10, 10, "answer.sms uses unknown placeholder '{emergency_phone}'; known: {emergency_number}, {crisis_line}, {program_name}, {human_contact}, {poison_control}, {never_use_alone}, {samhsa_helpline}")]
    [InlineData("  sources:\n    - title: \"CDC: Lifesaving Naloxone\"\n      url: https://www.cdc.gov/stop-overdose/caring/naloxone.html", "  sources: []", 14, 12, "sources is empty; cite at least one source")]
    [InlineData("      url: https://www.cdc.gov/stop-overdose/caring/naloxone.html", "      link: https://www.cdc.gov/stop-overdose/caring/naloxone.html", 16, 7, "unknown field 'link' in a source; a source has 'title' and 'url'")]
    [InlineData("    web: |-\n      **Naloxone (Narcan) reverses an opioid overdose.**", "    html: x", 12, 5, "unknown field 'answer.html'; an answer has 'sms' and 'web'")]
    public void Each_validation_error_names_the_problem_and_where_it_is(string find, string replace, int line, int column, string message)
    {
        var text = KnowledgeFolderBuilder.ValidEntry.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(KnowledgeFolderBuilder.ValidEntry, text);

        var errors = _folder.With("en/naloxone.yaml", text).Load().Errors.Select(e => e.ToString()).ToList();

        Assert.Contains($"{_folder.Display("en/naloxone.yaml")}:{line}:{column}: {message}", errors);
    }

    [Fact]
    public void An_entry_in_the_wrong_language_folder_is_reported()
    {
        var errors = _folder.With("es/naloxona.yaml", KnowledgeFolderBuilder.ValidEntry).Load().Errors.Select(e => e.ToString());

        Assert.Contains($"{_folder.Display("es/naloxona.yaml")}:1:3: entry 'naloxone-basics' has lang 'en' but sits in the 'es' folder", errors);
    }

    [Fact]
    public void The_same_question_in_two_entries_is_reported_at_the_second()
    {
        var second = KnowledgeFolderBuilder.ValidEntry.Replace("naloxone-basics", "naloxone-other", StringComparison.Ordinal)
            .Replace("what does naloxone do", "how does naloxone work", StringComparison.Ordinal)
            .Replace("is naloxone the same as narcan", "naloxone vs narcan", StringComparison.Ordinal);

        var errors = _folder.With("en/a.yaml", KnowledgeFolderBuilder.ValidEntry).With("en/b.yaml", second).Load().Errors.Select(e => e.ToString());

        Assert.Contains($"{_folder.Display("en/b.yaml")}:6:7: the question 'what is narcan' is also a question of 'naloxone-basics' ({_folder.Display("en/a.yaml")}:6:7); one question, one entry", errors);
    }

    [Fact]
    public void A_follow_up_in_another_language_is_reported()
    {
        var spanish = KnowledgeFolderBuilder.ValidEntry.Replace("naloxone-basics", "naloxona-es", StringComparison.Ordinal).Replace("lang: en", "lang: es", StringComparison.Ordinal)
            .Replace("what is narcan", "que es narcan", StringComparison.Ordinal).Replace("what does naloxone do", "para que sirve la naloxona", StringComparison.Ordinal)
            .Replace("is naloxone the same as narcan", "naloxona es lo mismo que narcan", StringComparison.Ordinal);
        var english = KnowledgeFolderBuilder.ValidEntry.Replace("  sources:", "  follow_up: [naloxona-es]\n  sources:", StringComparison.Ordinal);

        var errors = _folder.With("en/a.yaml", english).With("es/a.yaml", spanish).Load().Errors.Select(e => e.ToString());

        Assert.Contains($"{_folder.Display("en/a.yaml")}:14:15: follow_up 'naloxona-es' is in 'es', this entry is in 'en'", errors);
    }

    [Fact]
    public void A_stray_yaml_file_at_the_top_is_reported()
    {
        var errors = _folder.With("naloxone.yaml", KnowledgeFolderBuilder.ValidEntry).Load().Errors.Select(e => e.ToString());

        Assert.Contains(errors, e => e.StartsWith($"{_folder.Display("naloxone.yaml")}:1:1: unknown file; entries go in a language folder", StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Dispose();
}
