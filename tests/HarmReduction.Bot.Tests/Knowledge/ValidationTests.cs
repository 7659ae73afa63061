using HarmReduction.Bot.Knowledge;

namespace HarmReduction.Bot.Tests.Knowledge;

public sealed class ValidationTests : IDisposable
{
    private readonly KnowledgeFolderBuilder _folder = new();

    [Fact]
    public void A_valid_folder_loads_without_errors()
    {
        var result = _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry).Load();

        Assert.Empty(result.Errors);
        Assert.Equal("naloxone-basics", Assert.Single(result.Knowledge!.Entries).Id);
    }

    [Fact]
    public void A_tab_in_indentation_is_reported_where_it_is()
    {
        var text = KnowledgeFolderBuilder.ValidEntry.Replace("  title: What naloxone is", "\ttitle: What naloxone is", StringComparison.Ordinal);

        AssertSingleError(_folder.With("en/naloxone.yaml", text), "en/naloxone.yaml", 2, 1, "a tab character in indentation; YAML indents with spaces only");
    }

    [Fact]
    public void Broken_indentation_is_reported_with_its_position()
    {
        var text = KnowledgeFolderBuilder.ValidEntry.Replace("  title: What naloxone is", "   title: What naloxone is", StringComparison.Ordinal);

        var error = Assert.Single(_folder.With("en/naloxone.yaml", text).Load().Errors);
        Assert.StartsWith(_folder.Display("en/naloxone.yaml") + ":2:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("indentation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_key_is_reported_at_the_second_key()
    {
        var text = KnowledgeFolderBuilder.ValidEntry.Replace("  topic: naloxone\n", "  topic: naloxone\n  topic: overdose\n", StringComparison.Ordinal);

        AssertSingleError(_folder.With("en/naloxone.yaml", text), "en/naloxone.yaml", 4, 3, "duplicate key 'topic' in the same mapping");
    }

    [Fact]
    public void A_wrong_type_is_reported_at_the_value()
    {
        var text = KnowledgeFolderBuilder.ValidEntry.Replace("  title: What naloxone is", "  title: [What, naloxone]", StringComparison.Ordinal);

        AssertSingleError(_folder.With("en/naloxone.yaml", text), "en/naloxone.yaml", 2, 10, "title must be text, found a list");
    }

    [Fact]
    public void A_missing_required_field_is_reported_at_the_entry()
    {
        var text = KnowledgeFolderBuilder.ValidEntry.Replace("\n  reviewed: 2026-11-01", string.Empty, StringComparison.Ordinal);

        AssertSingleError(_folder.With("en/naloxone.yaml", text), "en/naloxone.yaml", 1, 3, "entry 'naloxone-basics' is missing required field 'reviewed'");
    }

    [Fact]
    public void An_unknown_field_is_reported_with_a_suggestion()
    {
        var text = KnowledgeFolderBuilder.ValidEntry.Replace("  lang: en\n", "  lang: en\n  folow_up: [x]\n", StringComparison.Ordinal);

        AssertSingleError(_folder.With("en/naloxone.yaml", text), "en/naloxone.yaml", 5, 3, "unknown field 'folow_up'; did you mean 'follow_up'?");
    }

    [Fact]
    public void A_duplicate_id_names_where_it_was_first_defined()
    {
        _folder.With("en/a.yaml", KnowledgeFolderBuilder.ValidEntry)
            .With("en/b.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("what is narcan", "narcan what is it", StringComparison.Ordinal)
                .Replace("what does naloxone do", "naloxone what does it do", StringComparison.Ordinal)
                .Replace("is naloxone the same as narcan", "narcan same as naloxone", StringComparison.Ordinal));

        AssertSingleError(_folder, "en/b.yaml", 1, 3, $"duplicate id 'naloxone-basics' (first defined at {_folder.Display("en/a.yaml")}:1:3)");
    }

    [Fact]
    public void An_unknown_follow_up_id_is_reported_at_the_item()
    {
        var text = KnowledgeFolderBuilder.ValidEntry.Replace("  sources:", "  follow_up: [naloxone-where]\n  sources:", StringComparison.Ordinal);

        AssertSingleError(_folder.With("en/naloxone.yaml", text), "en/naloxone.yaml", 14, 15, "follow_up 'naloxone-where' is not the id of any entry");
    }

    [Fact]
    public void An_sms_answer_over_two_segments_is_reported_with_its_length()
    {
        var longSms = string.Join(" ", Enumerable.Repeat("Call now and give naloxone.", 12));
        var text = KnowledgeFolderBuilder.ValidEntry.Replace("Naloxone (Narcan) reverses an opioid overdose.\n    web", longSms + "\n    web", StringComparison.Ordinal);

        AssertSingleError(_folder.With("en/naloxone.yaml", text), "en/naloxone.yaml", 10, 10, "answer.sms is over the SMS budget: 335 GSM-7 characters, 3 segments; at most 306 (2 segments).");
    }

    [Fact]
    public void A_non_gsm_character_in_the_sms_answer_lowers_the_budget_to_ucs2()
    {
        var sms = "Naloxone \U0001F489 " + string.Join(" ", Enumerable.Repeat("works.", 20));
        var text = KnowledgeFolderBuilder.ValidEntry.Replace("Naloxone (Narcan) reverses an opioid overdose.\n    web", sms + "\n    web", StringComparison.Ordinal);

        var error = Assert.Single(_folder.With("en/naloxone.yaml", text).Load().Errors);
        Assert.Contains("UCS-2 characters", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 134", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-13-01", "reviewed '2026-13-01' is not a date in the form YYYY-MM-DD")]
    [InlineData("last week", "reviewed 'last week' is not a date in the form YYYY-MM-DD")]
    [InlineData("2027-01-01", "reviewed 2027-01-01 is in the future")]
    public void A_bad_review_date_is_reported_at_the_value(string date, string message)
    {
        var text = KnowledgeFolderBuilder.ValidEntry.Replace("2026-11-01", date, StringComparison.Ordinal);

        AssertSingleError(_folder.With("en/naloxone.yaml", text), "en/naloxone.yaml", 17, 13, message);
    }

    [Theory]
    [InlineData("www.cdc.gov/naloxone")]
    [InlineData("ftp://cdc.gov/naloxone")]
    [InlineData("https://localhost/x")]
    public void A_source_url_that_is_not_an_absolute_web_address_is_reported(string url)
    {
        var text = KnowledgeFolderBuilder.ValidEntry.Replace("https://www.cdc.gov/stop-overdose/caring/naloxone.html", url, StringComparison.Ordinal);

        AssertSingleError(_folder.With("en/naloxone.yaml", text), "en/naloxone.yaml", 16, 12, $"source url '{url}' is not an absolute http(s) URL");
    }

    [Fact]
    public void Stigmatizing_words_in_an_answer_are_reported_with_the_preferred_words()
    {
        _folder.With("language.yaml", """
            - avoid: [addict, addicts]
              prefer: "person who uses drugs"
            """);
        var text = KnowledgeFolderBuilder.ValidEntry.Replace("**Naloxone (Narcan) reverses an opioid overdose.**", "**Naloxone helps any addict who overdoses.**", StringComparison.Ordinal);

        AssertSingleError(_folder.With("en/naloxone.yaml", text), "en/naloxone.yaml", 12, 10, "answer.web uses 'addict'; person-first language: person who uses drugs");
    }

    [Fact]
    public void A_broken_file_does_not_hide_the_errors_of_other_files()
    {
        _folder.With("en/broken.yaml", "- id: [unclosed\n")
            .With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("2026-11-01", "2099-01-01", StringComparison.Ordinal));

        var errors = _folder.Load().Errors.Select(e => e.ToString()).ToList();

        Assert.Equal(2, errors.Count);
        Assert.StartsWith(_folder.Display("en/broken.yaml") + ":2:1: YAML syntax error", errors[0], StringComparison.Ordinal);
        Assert.StartsWith(_folder.Display("en/naloxone.yaml") + ":17:13: reviewed 2099-01-01 is in the future", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_support_file_stops_the_load()
    {
        File.Delete(Path.Combine(_folder.Root, "safety.yaml"));

        AssertSingleError(_folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry), "safety.yaml", 1, 1, "safety.yaml is missing; the bot cannot run without it");
    }

    [Fact]
    public void A_crisis_pair_without_its_second_list_is_an_error_at_the_pair()
    {
        // The builder's safety.yaml with a pair under crisis (line 11 is the pair's "- name:").
        var safety = File.ReadAllText(Path.Combine(_folder.Root, "safety.yaml"));
        _folder.With("safety.yaml", safety.Replace("    en: [want to die]\n", """
                en: [want to die]
              together:
                - name: leaves-things-with-a-goodbye
                  first:
                    en: [the car is yours]

            """, StringComparison.Ordinal));

        AssertSingleError(_folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry), "safety.yaml", 11, 7,
            "a pair of crisis phrase lists (together) needs name, first and second");
    }

    [Fact]
    public void The_shipped_knowledge_folder_is_valid()
    {
        var result = new KnowledgeLoader(new ResourcesOptions(), TimeProvider.System).Load(Harness.RepoPaths.Knowledge);

        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        Assert.True(result.Knowledge!.Entries.Count >= 12);
    }

    public void Dispose() => _folder.Dispose();

    private static void AssertSingleError(KnowledgeFolderBuilder folder, string file, int line, int column, string message)
    {
        var result = folder.Load();
        Assert.Null(result.Knowledge);
        var error = Assert.Single(result.Errors);
        Assert.Equal($"{folder.Display(file)}:{line}:{column}: {message}", error.ToString());
    }
}
