using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using HarmReduction.Bot.Conversation;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Cli;

/// <summary><c>ask "TEXT" [--channel sms|web]</c> and <c>ask --jsonl</c> (one JSON line in, one out; each a fresh conversation).</summary>
internal static class AskCommand
{
    private static readonly JsonSerializerOptions LineJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var text = new Argument<string?>("text") { Arity = ArgumentArity.ZeroOrOne, Description = "The question, as a person would text it." };
        var channel = new Option<string>("--channel") { Description = "Render the reply for this channel.", DefaultValueFactory = _ => "sms" };
        channel.AcceptOnlyFromAmong("sms", "web");
        var jsonl = new Option<bool>("--jsonl") { Description = "Read JSON lines {\"id\",\"text\",\"channel\"} on stdin; write one JSON line per input." };
        var explain = new Option<bool>("--explain") { Description = "Also print (to stderr) the safety check and the top-ranked entries with their scores." };
        var command = new Command("ask", "Answer one question (or a stream of JSON lines) through the bot's engine.") { text, channel, jsonl, explain };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build();
            if (!CliHost.TryLoadKnowledge(host))
            {
                return 1;
            }

            var runner = new QuestionRunner(host.Services.GetRequiredService<TurnPipeline>(), host.Services.GetRequiredService<IOptions<Hosting.ChannelOptions>>());
            if (parse.GetValue(jsonl))
            {
                return await RunLinesAsync(runner, parse.GetValue(channel)!, cancellationToken);
            }

            var question = parse.GetValue(text);
            if (question is null)
            {
                Console.Error.WriteLine("ask needs a question in quotes, or --jsonl to read JSON lines from stdin.");
                return 2;
            }

            if (parse.GetValue(explain))
            {
                Explain(host.Services.GetRequiredService<Knowledge.KnowledgeProvider>().Current, question);
            }

            var result = await runner.AskAsync(question, parse.GetValue(channel)!, cancellationToken);
            Console.WriteLine(result.Reply);
            return 0;
        });
        return command;
    }

    private static async Task<int> RunLinesAsync(QuestionRunner runner, string defaultChannel, CancellationToken cancellationToken)
    {
        var failures = 0;
        var lineNumber = 0;
        while (await Console.In.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            AskLine? input;
            try
            {
                input = JsonSerializer.Deserialize<AskLine>(line, LineJson);
            }
            catch (JsonException e)
            {
                Console.Error.WriteLine($"stdin:{lineNumber}: not a JSON object: {e.Message}");
                failures++;
                continue;
            }

            var channel = input?.Channel ?? defaultChannel;
            if (input?.Text is null || channel is not ("sms" or "web"))
            {
                Console.Error.WriteLine($"stdin:{lineNumber}: each line needs \"text\", and \"channel\" (if given) must be sms or web");
                failures++;
                continue;
            }

            var result = await runner.AskAsync(input.Text, channel, cancellationToken);
            var output = new AskOutput(input.Id, result.Reply, result.Outcome.KindName, result.Outcome.EntryId, result.Outcome.Score);
            Console.WriteLine(JsonSerializer.Serialize(output, LineJson));
        }

        return failures == 0 ? 0 : 1;
    }

    /// <summary>For staff checking an entry: which safety rule fired and how each language's top entries scored.</summary>
    private static void Explain(Knowledge.KnowledgeSnapshot snapshot, string question)
    {
        var safety = snapshot.Safety.Assess(question);
        Console.Error.WriteLine($"safety: {safety.Kind} {safety.Rule}; language: {Knowledge.Matching.LanguageDetector.Detect(question) ?? "unclear"}");
        foreach (var language in snapshot.Index.Languages)
        {
            foreach (var match in snapshot.Index.Search(question, language, top: 5))
            {
                Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  {language} {match.Score:0.000} {match.Entry.Id}  (closest: \"{match.ClosestQuestion}\")"));
            }
        }
    }

    private sealed record AskLine(JsonElement? Id, string? Text, string? Channel);

    private sealed record AskOutput(JsonElement? Id, string Reply, string Kind, string? Entry, double? Score);
}
