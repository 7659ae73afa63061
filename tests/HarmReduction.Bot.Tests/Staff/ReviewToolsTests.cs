using System.Globalization;
using System.Text;
using HarmReduction.Bot.Tests.Harness;
using HarmReduction.Bot.Tests.Knowledge;

namespace HarmReduction.Bot.Tests.Staff;

/// <summary><c>review --due</c>, <c>preview</c> and <c>export --csv</c>, run as staff run them.</summary>
public sealed class ReviewToolsTests : IDisposable
{
    private readonly KnowledgeFolderBuilder _folder = new();

    [Fact]
    public async Task Review_due_lists_the_entries_past_their_review_interval_with_owner_twin_and_last_review_soonest_first()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var recent = today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        _folder
            .With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("  reviewed: 2026-11-01", "  reviewed: 2020-01-15\n  owner: JM\n  review_every: 3 months", StringComparison.Ordinal))
            .With("es/naloxona.yaml", KnowledgeFolderBuilder.SpanishTwin().Replace("2026-11-01", "2019-06-01", StringComparison.Ordinal))
            .With("en/hours.yaml", KnowledgeFolderBuilder.ValidEntry
                .Replace("naloxone-basics", "ssp-hours", StringComparison.Ordinal)
                .Replace("what is narcan", "when is the exchange open", StringComparison.Ordinal)
                .Replace("what does naloxone do", "exchange hours", StringComparison.Ordinal)
                .Replace("is naloxone the same as narcan", "is the exchange open sunday", StringComparison.Ordinal)
                .Replace("2026-11-01", recent, StringComparison.Ordinal));

        var result = await BotProcess.RunAsync(["review", "--due"], environment: new Dictionary<string, string> { ["Knowledge__Path"] = _folder.Root });

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"Review queue: 2 of 3 entries due by {today.AddDays(30):yyyy-MM-dd}", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^2020-04-15  overdue  naloxone-basics\s+en\s+JM\s+2020-01-15  3 months\s+-  naloxona-basica-es \(2019-06-01\)$", lines[2]);
        Assert.Matches(@"^2020-06-01  overdue  naloxona-basica-es\s+es\s+-\s+2019-06-01  12 months\s+-  naloxone-basics \(2020-01-15\)$", lines[3]);
        Assert.DoesNotContain("ssp-hours", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_review_interval_is_an_error_at_its_position()
    {
        _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("  reviewed: 2026-11-01", "  reviewed: 2026-11-01\n  review_every: fortnightly", StringComparison.Ordinal));

        var errors = _folder.Load().Errors.Select(e => e.ToString());

        Assert.Equal([$"{_folder.Display("en/naloxone.yaml")}:18:17: review_every 'fortnightly' is not a period like '3 months', '6 weeks' or '1 year' (at most 3 years)"], errors);
    }

    [Fact]
    public async Task Preview_shows_each_sms_as_sent_with_segments_encoding_replaced_characters_the_menu_and_what_more_brings()
    {
        var sms = "Naloxone \u2013 \u201cNarcan\u201d \u2013 reverses an opioid overdose. " + string.Join(' ', Enumerable.Repeat("Give it fast and call for help.", 7));
        var web = "**Naloxone reverses an opioid overdose.**\\n\\n" + string.Join(' ', Enumerable.Repeat("Details about how naloxone works and what to do after giving it.", 10));
        _folder
            .With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry
                .Replace("Naloxone (Narcan) reverses an opioid overdose.\n    web", sms + "\n    web", StringComparison.Ordinal)
                .Replace("  sources:", "  follow_up: [other-entry]\n  sources:", StringComparison.Ordinal)
                .Replace("    web: |-\n      **Naloxone (Narcan) reverses an opioid overdose.**", "    web: \"" + web + "\"", StringComparison.Ordinal))
            .With("en/other.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("naloxone-basics", "other-entry", StringComparison.Ordinal)
                .Replace("what is narcan", "q one", StringComparison.Ordinal).Replace("what does naloxone do", "q two", StringComparison.Ordinal)
                .Replace("is naloxone the same as narcan", "q three", StringComparison.Ordinal).Replace("What naloxone is", "Another thing", StringComparison.Ordinal));
        var environment = new Dictionary<string, string> { ["Knowledge__Path"] = _folder.Root, ["Sms__MaxSegments"] = "2" };

        var result = await BotProcess.RunAsync(["preview", "naloxone-basics"], environment: environment);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var text = result.Stdout;
        Assert.StartsWith("naloxone-basics (en) on sms, exactly as sent (Sms:MaxSegments 2)", text, StringComparison.Ordinal);
        Assert.Matches(@"== reply: 2 segments, GSM-7, \d+ characters\n   replaced to stay in GSM-7: –->- x2, “->"", ”->""\nNaloxone - ""Narcan"" - reverses", text);
        Assert.Contains("== MORE 1: ", text, StringComparison.Ordinal);
        Assert.Contains("1) Another thing", text, StringComparison.Ordinal);
        Assert.Contains("follow-up menu: Another thing (other-entry)", text, StringComparison.Ordinal);
        Assert.Matches(@"warning: the answer and its follow-up menu need \d segments, more than Sms:MaxSegments \(2\)", text);

        var webPreview = await BotProcess.RunAsync(["preview", "naloxone-basics", "--channel", "web"], environment: environment);
        Assert.Contains("== markdown\n**Naloxone reverses an opioid overdose.**", webPreview.Stdout, StringComparison.Ordinal);
        Assert.Contains("== buttons: [Another thing]", webPreview.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_csv_writes_a_review_sheet_a_spreadsheet_opens_with_accents_and_no_formulas()
    {
        _folder
            .With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("  reviewed: 2026-11-01", "  reviewed: 2026-11-01\n  owner: \"=HYPERLINK()\"", StringComparison.Ordinal))
            .With("es/naloxona.yaml", KnowledgeFolderBuilder.SpanishTwin("La naloxona revierte una sobredosis, dice el médico."));
        var sheet = Path.Combine(_folder.Root, "sheet.csv");

        var result = await BotProcess.RunAsync(["export", "--csv", "--out", sheet], environment: new Dictionary<string, string> { ["Knowledge__Path"] = _folder.Root });

        Assert.True(result.ExitCode == 0, result.Stderr);
        var bytes = await File.ReadAllBytesAsync(sheet);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("id,language,title,SMS answer,web answer,sources,reviewed,owner,twin,review due", lines[0]);
        Assert.Equal("naloxone-basics,en,What naloxone is,Naloxone (Narcan) reverses an opioid overdose.,**Naloxone (Narcan) reverses an opioid overdose.**,CDC: Lifesaving Naloxone https://www.cdc.gov/stop-overdose/caring/naloxone.html,2026-11-01,'=HYPERLINK(),naloxona-basica-es,2027-11-01", lines[1]);
        Assert.Equal("naloxona-basica-es,es,What naloxone is,\"La naloxona revierte una sobredosis, dice el médico.\",**Naloxone (Narcan) reverses an opioid overdose.**,CDC: Lifesaving Naloxone https://www.cdc.gov/stop-overdose/caring/naloxone.html,2026-11-01,,naloxone-basics,2027-11-01", lines[2]);
    }

    [Fact]
    public async Task Preview_warns_when_a_character_forces_ucs2_and_names_it()
    {
        _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry.Replace("Naloxone (Narcan) reverses an opioid overdose.\n    web", "Naloxone \u2192 reverses an opioid overdose \u2605\n    web", StringComparison.Ordinal));

        var result = await BotProcess.RunAsync(["preview", "naloxone-basics", "--channel", "sms"], environment: new Dictionary<string, string> { ["Knowledge__Path"] = _folder.Root });

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Matches(@"== reply: 1 segment, UCS-2, \d+ characters", result.Stdout);
        Assert.Contains("warning: reply is sent as UCS-2 (67 characters a segment instead of 153) because of", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("(U+2605)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_csv_quotes_fields_with_quotes_commas_and_line_breaks_so_each_entry_stays_one_row()
    {
        _folder.With("en/naloxone.yaml", KnowledgeFolderBuilder.ValidEntry
            .Replace("title: What naloxone is", "title: 'Naloxone, the \"overdose antidote\"'", StringComparison.Ordinal)
            .Replace("      **Naloxone (Narcan) reverses an opioid overdose.**", "      **Naloxone (Narcan) reverses an opioid overdose.**\n\n      Say \"I have naloxone\", then give it.", StringComparison.Ordinal)
            .Replace("  reviewed:", "    - title: SAMHSA, naloxone\n      url: https://www.samhsa.gov/medications-substance-use-disorders/medications-counseling-related-conditions/naloxone\n  reviewed:", StringComparison.Ordinal));

        var result = await BotProcess.RunAsync(["export", "--csv"], environment: new Dictionary<string, string> { ["Knowledge__Path"] = _folder.Root });

        Assert.True(result.ExitCode == 0, result.Stderr);
        var rows = ParseCsv(result.Stdout);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(10, r.Count));
        var row = rows[1];
        Assert.Equal("Naloxone, the \"overdose antidote\"", row[2]);
        Assert.Equal("**Naloxone (Narcan) reverses an opioid overdose.**\n\nSay \"I have naloxone\", then give it.", row[4]);
        Assert.Equal("CDC: Lifesaving Naloxone https://www.cdc.gov/stop-overdose/caring/naloxone.html\nSAMHSA, naloxone https://www.samhsa.gov/medications-substance-use-disorders/medications-counseling-related-conditions/naloxone", row[5]);
        Assert.Contains("\"Naloxone, the \"\"overdose antidote\"\"\"", result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>RFC 4180 as a spreadsheet reads it: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static List<List<string>> ParseCsv(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.False(quoted, "a quoted field is never closed");
        Assert.True(field.Length == 0 && row.Count == 0, "the sheet ends with a line break");
        return rows;
    }

    public void Dispose() => _folder.Dispose();
}
