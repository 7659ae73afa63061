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
        var explain = new Option<bool>("--explain") { Description = "Also explain the reply: on stderr for one question; as an \"explain\" object on each JSON line with --jsonl." };
        var command = new Command("ask", "Answer one question (or a stream of JSON lines) through the bot's engine.") { text, channel, jsonl, explain };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build();
            if (!CliHost.TryLoadKnowledge(host))
            {
                return 1;
            }

            var runner = new QuestionRunner(host.Services.GetRequiredService<TurnPipeline>(), host.Services.GetRequiredService<IOptions<Hosting.ChannelOptions>>());
            var context = ExplainContext.From(host.Services);
            if (parse.GetValue(jsonl))
            {
                return await RunLinesAsync(runner, parse.GetValue(channel)!, parse.GetValue(explain) ? context : null, cancellationToken);
            }

            var question = parse.GetValue(text);
            if (question is null)
            {
                Console.Error.WriteLine("ask needs a question in quotes, or --jsonl to read JSON lines from stdin.");
                return 2;
            }

            var result = await runner.AskAsync(question, parse.GetValue(channel)!, cancellationToken);
            if (parse.GetValue(explain))
            {
                Console.Error.Write(TurnExplanation.From(question, result, context).ToText());
            }

            Console.WriteLine(result.Reply);
            return 0;
        });
        return command;
    }

    private static async Task<int> RunLinesAsync(QuestionRunner runner, string defaultChannel, ExplainContext? explain, CancellationToken cancellationToken)
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
            Console.WriteLine(explain is null
                ? JsonSerializer.Serialize(output, LineJson)
                : JsonSerializer.Serialize(new ExplainedAskOutput(output.Id, output.Reply, output.Kind, output.Entry, output.Score, TurnExplanation.From(input.Text, result, explain)), LineJson));
        }

        return failures == 0 ? 0 : 1;
    }

    private sealed record AskLine(JsonElement? Id, string? Text, string? Channel);

    private sealed record AskOutput(JsonElement? Id, string Reply, string Kind, string? Entry, double? Score);

    private sealed record ExplainedAskOutput(JsonElement? Id, string Reply, string Kind, string? Entry, double? Score, TurnExplanation Explain);
}
