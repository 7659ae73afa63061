using System.Text.Json;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Cli;

public sealed class AskCommandTests
{
    [Fact]
    public async Task Ask_jsonl_answers_each_line_as_a_fresh_conversation_in_json()
    {
        const string input = """
            {"id":"a","text":"how do i use narcan","channel":"sms"}
            {"id":"b","text":"hes blue n not breathin","channel":"sms"}
            {"id":"c","text":"Where can I get fentanyl test strips?","channel":"web"}
            """;

        var result = await BotProcess.RunAsync(["ask", "--jsonl"], input);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(["a", "b", "c"], lines.Select(l => l.GetProperty("id").GetString()));
        foreach (var line in lines)
        {
            Assert.Equal(["id", "reply", "kind", "entry", "score"], line.EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal("answer", lines[0].GetProperty("kind").GetString());
        Assert.Contains("naloxone", lines[0].GetProperty("reply").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("emergency", lines[1].GetProperty("kind").GetString());
        Assert.StartsWith("Call 911", lines[1].GetProperty("reply").GetString(), StringComparison.Ordinal);
        Assert.Equal("answer", lines[2].GetProperty("kind").GetString());
        Assert.Contains("strip", lines[2].GetProperty("reply").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.InRange(lines[2].GetProperty("score").GetDouble(), 0.0, 1.0);
    }

    /// <summary>
    /// Small talk that shares an everyday word with some phrasing ("hora", "trabajo", "car") names no topic and is not
    /// close in meaning: it falls back. A real question with a topic word still gets its answer.
    /// </summary>
    [Fact]
    public async Task Small_talk_that_only_shares_everyday_words_falls_back_and_topics_are_still_answered()
    {
        const string input = """
            {"id":"hora","text":"que hora es","channel":"sms"}
            {"id":"trabajo","text":"necesito trabajo","channel":"sms"}
            {"id":"doge","text":"vale la pena comprar dogecoin ahorita","channel":"sms"}
            {"id":"car","text":"my car wont start what do i do","channel":"sms"}
            {"id":"jeringas","text":"donde consigo jeringas nuevas","channel":"sms"}
            {"id":"strips","text":"where can i get test strips","channel":"sms"}
            {"id":"cat","text":"any good ideas for what to call my new kitten","channel":"sms"}
            """;

        var result = await BotProcess.RunAsync(["ask", "--jsonl", "--explain"], input);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var kinds = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(l => l.GetProperty("id").GetString()!, l => l.GetProperty("kind").GetString());
        Assert.Equal("fallback", kinds["hora"]);
        Assert.Equal("fallback", kinds["trabajo"]);
        Assert.Equal("fallback", kinds["doge"]);
        Assert.Equal("fallback", kinds["car"]);
        Assert.Equal("answer", kinds["jeringas"]);
        Assert.Equal("answer", kinds["strips"]);
        // Its nearest labelled situations are small talk (situations.yaml, off-topic): whatever it shares with a phrasing.
        Assert.Equal("fallback", kinds["cat"]);
        var cat = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(l => l.GetProperty("id").GetString() == "cat").GetProperty("explain");
        Assert.StartsWith("the nearest labelled situations are off-topic", cat.GetProperty("decisionReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_answers_a_naloxone_question_with_naloxone()
    {
        var result = await BotProcess.RunAsync(["ask", "how do i use narcan"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("naloxone", result.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("info:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_jsonl_reports_a_bad_line_and_still_answers_the_others()
    {
        var result = await BotProcess.RunAsync(["ask", "--jsonl"], "not json\n{\"id\":2,\"text\":\"hi\"}\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("stdin:1:", result.Stderr, StringComparison.Ordinal);
        var line = JsonDocument.Parse(result.Stdout.Trim()).RootElement;
        Assert.Equal(2, line.GetProperty("id").GetInt32());
        Assert.Equal("meta", line.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Ask_explain_shows_the_text_as_read_the_language_and_why_the_closest_phrasing_of_every_candidate_and_the_decision_against_the_bands()
    {
        const string input = """
            {"id":"needles","text":"where can i get free needles"}
            {"id":"slang","text":"whats fent"}
            {"id":"english-only","text":"que es the naloxone vending machine"}
            {"id":"no-clue","text":"venden narcan en walgreens o cvs"}
            {"id":"emergency","text":"hes not breathing"}
            """;

        var result = await BotProcess.RunAsync(["ask", "--jsonl", "--explain"], input);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(l => l.GetProperty("id").GetString()!, l => l.GetProperty("explain"));

        var needles = lines["needles"];
        Assert.Equal("answer", needles.GetProperty("decision").GetString());
        Assert.Matches(@"^syringe-services-programs at 0\.\d{3} >= answer-at 0\.45$", needles.GetProperty("decisionReason").GetString());
        Assert.All(needles.GetProperty("candidates").EnumerateArray(), c => Assert.False(string.IsNullOrEmpty(c.GetProperty("closest").GetString()), c.ToString()));
        Assert.Contains(needles.GetProperty("candidates")[0].GetProperty("pulls").EnumerateArray(), p => p.GetString()!.StartsWith("keyword 'free needles' (knowledge/en/safer-use.yaml:", StringComparison.Ordinal));

        Assert.Equal("whats fentanyl", lines["slang"].GetProperty("readAs").GetString());

        var englishOnly = lines["english-only"];
        Assert.Equal("es", englishOnly.GetProperty("language").GetString());
        Assert.Equal("en", englishOnly.GetProperty("searchLanguage").GetString());
        Assert.StartsWith("no Spanish entry reached clarify-at 0.30", englishOnly.GetProperty("searchReason").GetString(), StringComparison.Ordinal);

        var noClue = lines["no-clue"];
        // Nothing in the words says which language; only a Spanish entry answers it, so that one does.
        Assert.Equal("answer", noClue.GetProperty("decision").GetString());
        Assert.Equal("es", noClue.GetProperty("searchLanguage").GetString());
        Assert.Contains("the message gives no clue", noClue.GetProperty("languageReason").GetString(), StringComparison.Ordinal);

        var emergency = lines["emergency"];
        Assert.Equal("emergency", emergency.GetProperty("decision").GetString());
        Assert.False(string.IsNullOrEmpty(emergency.GetProperty("safety").GetProperty("rule").GetString()));
    }
}
