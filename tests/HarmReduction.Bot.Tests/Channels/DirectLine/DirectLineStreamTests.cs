using System.Net.WebSockets;
using System.Text.Json;

namespace HarmReduction.Bot.Tests.Channels.DirectLine;

/// <summary>The WebSocket <c>streamUrl</c>: ActivitySets with watermarks, typing on the socket only, several sockets.</summary>
public sealed class DirectLineStreamTests(DirectLineServer fixture) : IClassFixture<DirectLineServer>, IDisposable
{
    private readonly DirectLineHttp _client = new(fixture.BaseAddress);

    [Fact]
    public async Task Stream_carries_the_echo_then_typing_then_the_reply()
    {
        var (conversationId, token, streamUrl) = await _client.StartAsync();
        using var stream = await StreamClient.ConnectAsync(streamUrl);
        // Once the welcome came over the socket, the stream is surely past its first read of the transcript.
        using (await _client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, """{"type":"event","name":"webchat/join"}"""))
        {
            await stream.ActivitiesUntilAsync(a => a.TryGetProperty("suggestedActions", out _));
        }

        var id = await _client.PostMessageAsync(conversationId, token, "where can i get narcan for free", clientActivityId: "from-the-socket-test");
        var activities = await stream.ActivitiesUntilAsync(a => IsReplyTo(a, id));

        var types = activities.Select(a => a.GetProperty("type").GetString()).ToList();
        Assert.Equal(["message", "typing", "message"], types);
        Assert.Equal("from-the-socket-test", activities[0].GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal(id, activities[0].GetProperty("id").GetString());
        Assert.Equal("bot", activities[1].GetProperty("from").GetProperty("role").GetString());
        Assert.False(activities[1].TryGetProperty("id", out _));
        var stored = (await _client.GetActivitiesAsync(conversationId, token)).GetProperty("activities").EnumerateArray();
        Assert.DoesNotContain(stored, a => a.GetProperty("type").GetString() == "typing");
    }

    [Fact]
    public async Task Stream_replays_what_was_stored_before_it_opened()
    {
        var (conversationId, token, streamUrl) = await _client.StartAsync();
        var id = await _client.PostMessageAsync(conversationId, token, "what is fentanyl");

        using var stream = await StreamClient.ConnectAsync(streamUrl);
        var activities = await stream.ActivitiesUntilAsync(a => IsReplyTo(a, id));

        Assert.Equal(id, activities[0].GetProperty("id").GetString());
        Assert.DoesNotContain(activities, a => a.GetProperty("type").GetString() == "typing");
    }

    [Fact]
    public async Task Reconnected_stream_resumes_after_the_watermark()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        var first = await _client.PostMessageAsync(conversationId, token, "what is fentanyl");
        var second = await _client.PostMessageAsync(conversationId, token, "what is naloxone");
        var reconnect = await _client.GetJsonAsync($"/v3/directline/conversations/{conversationId}?watermark={Sequence(first)}", token);

        using var stream = await StreamClient.ConnectAsync(reconnect.GetProperty("streamUrl").GetString()!);
        var activities = await stream.ActivitiesUntilAsync(a => IsReplyTo(a, second));

        Assert.DoesNotContain(activities, a => a.GetProperty("id").GetString() == first);
        Assert.Equal(Sequence(first) + 1, Sequence(activities[0].GetProperty("id").GetString()!));
        Assert.Contains(activities, a => a.GetProperty("id").GetString() == second);
    }

    [Fact]
    public async Task Two_sockets_on_one_conversation_both_receive_every_activity()
    {
        var (conversationId, token, streamUrl) = await _client.StartAsync();
        using var phone = await StreamClient.ConnectAsync(streamUrl);
        using var laptop = await StreamClient.ConnectAsync(streamUrl);

        var id = await _client.PostMessageAsync(conversationId, token, "how do i use test strips");
        var onPhone = await phone.ActivitiesUntilAsync(a => IsReplyTo(a, id));
        var onLaptop = await laptop.ActivitiesUntilAsync(a => IsReplyTo(a, id));

        Assert.Equal(Ids(onPhone), Ids(onLaptop));
        Assert.Contains(id, Ids(onPhone));
    }

    [Fact]
    public async Task Too_many_sockets_close_the_oldest_with_collision()
    {
        var (_, _, streamUrl) = await _client.StartAsync();
        var sockets = new List<StreamClient>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                sockets.Add(await StreamClient.ConnectAsync(streamUrl));
            }

            Assert.Null(await sockets[0].NextFrameAsync());
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, sockets[0].CloseStatus);
            Assert.Equal("collision", sockets[0].CloseStatusDescription);
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Stream_refuses_a_token_for_another_conversation_and_a_plain_request()
    {
        var (_, myToken, _) = await _client.StartAsync();
        var (theirs, theirToken, theirStream) = await _client.StartAsync();
        var wrong = theirStream.Replace(Uri.EscapeDataString(theirToken), Uri.EscapeDataString(myToken), StringComparison.Ordinal);

        Assert.Equal(403, await StreamClient.RefusalAsync(wrong));
        using var plain = await _client.SendAsync(HttpMethod.Get, new Uri(theirStream.Replace("ws://", "http://", StringComparison.Ordinal)).PathAndQuery, bearer: null);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Equal(theirs, new Uri(theirStream).Segments[^2].TrimEnd('/'));
    }

    public void Dispose() => _client.Dispose();

    private static bool IsReplyTo(JsonElement activity, string id) =>
        activity.GetProperty("type").GetString() == "message" && activity.TryGetProperty("replyToId", out var replyTo) && replyTo.GetString() == id;

    private static long Sequence(string id) => long.Parse(id.Split('|')[1], System.Globalization.CultureInfo.InvariantCulture);

    private static List<string?> Ids(IEnumerable<JsonElement> activities) =>
        activities.Where(a => a.TryGetProperty("id", out _)).Select(a => a.GetProperty("id").GetString()).ToList();
}
