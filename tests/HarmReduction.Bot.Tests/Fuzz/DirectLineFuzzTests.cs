using System.Net;
using System.Text.Json;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Channels.DirectLine;
using HarmReduction.Bot.Conversation;
using HarmReduction.Bot.Tests.Channels.DirectLine;

namespace HarmReduction.Bot.Tests.Fuzz;

/// <summary>The Direct Line activity parser fed generated JSON: a 4xx or an answer, never an unhandled exception or a 5xx.</summary>
[Trait("Category", "Fuzz")]
public sealed class DirectLineFuzzTests(DirectLineServer fixture) : IClassFixture<DirectLineServer>
{
    private static readonly FsCheck.Gen<string> Json = FuzzInputs.TextFrom(
        "{", "}", "[", "]", ",", ":", "\"", "\"type\":", "\"message\"", "\"event\"", "\"typing\"", "\"text\":", "\"channelData\":", "\"value\":",
        "\"from\":", "\"id\":", "\"clientActivityID\":", "\"entities\":", "\"attachments\":", "\"timestamp\":", "\"2026-01-01T00:00:00Z\"", "null",
        "true", "1e309", "-0", "12345678901234567890", "\"\\ud800\"", "\"\\ufffe\"", "\"\\u0000\"", "\\", "{\"type\":\"message\",\"text\":\"",
        "\"}", "{\"a\":", "[[[[[[[[");

    [Fact]
    public void Generated_activity_json_never_throws_past_the_parser()
    {
        var limits = new DirectLineOptions();
        foreach (var json in FuzzInputs.Sample(Json, FuzzInputs.Runs(quick: 2000)))
        {
            try
            {
                Activity? activity;
                try
                {
                    activity = JsonSerializer.Deserialize<Activity>(FuzzInputs.Utf8(json), DirectLineJson.Options);
                }
                catch (JsonException)
                {
                    continue;
                }

                if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
                {
                    continue;
                }

                StoredActivity.Oversized(activity, limits);
                var kept = StoredActivity.FromClient(activity);
                MessageNormalizationMiddleware.Normalize(kept.Text);
                JsonSerializer.Serialize(kept.Clone(), DirectLineJson.Options);
            }
            catch (Exception e)
            {
                Assert.Fail($"{e} on {JsonSerializer.Serialize(json)}");
            }
        }
    }

    [Fact]
    public async Task Generated_posts_never_get_a_server_error()
    {
        using var client = new DirectLineHttp(fixture.BaseAddress);
        var (conversationId, token, _) = await client.StartAsync();
        var posted = 0;
        foreach (var json in FuzzInputs.Sample(Json, FuzzInputs.Runs(quick: 40) / 4 + 10))
        {
            if (++posted % 25 == 0)
            {
                (conversationId, token, _) = await client.StartAsync();
            }

            var body = json.StartsWith('{') ? json : JsonSerializer.Serialize(new { type = "message", text = json });
            using var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, body);

            Assert.True((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.NotFound, $"{response.StatusCode} for {JsonSerializer.Serialize(body)}");
        }
    }
}
