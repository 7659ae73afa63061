using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HarmReduction.Bot.Tests.Harness;

namespace HarmReduction.Bot.Tests.Channels.DirectLine;

public sealed class DirectLineServiceFaultTests
{
    [Fact]
    public async Task When_the_state_store_is_down_a_post_gets_a_500_service_error_in_the_direct_line_shape()
    {
        var redis = new RedisServer();
        using var server = new BotServer(new Dictionary<string, string?>
        {
            ["State:Provider"] = "Redis",
            ["State:Redis:Configuration"] = redis.Configuration + ",connectTimeout=500,syncTimeout=1000,asyncTimeout=1000,connectRetry=0",
            ["DirectLine:Secret"] = DirectLineServer.Secret,
        });
        var client = new DirectLineHttp(server.BaseAddress);
        var (conversationId, token, _) = await client.StartAsync();

        redis.Dispose();
        using var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
            """{"type":"message","from":{"id":"x"},"text":"where can i get narcan"}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("ServiceError", error.GetProperty("code").GetString());
        Assert.DoesNotContain("narcan", server.Logs.All, StringComparison.OrdinalIgnoreCase);
    }
}
