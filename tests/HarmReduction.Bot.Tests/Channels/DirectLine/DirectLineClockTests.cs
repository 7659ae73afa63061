using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Channels.DirectLine;
using Microsoft.Extensions.DependencyInjection;

namespace HarmReduction.Bot.Tests.Channels.DirectLine;

/// <summary>What time does to Direct Line: tokens expire, quiet streams get keep-alives, conversations expire with State:Ttl.</summary>
public sealed class DirectLineClockTests(FakeClockServer server) : IClassFixture<FakeClockServer>, IDisposable
{
    // Each test starts its own conversation after whatever time the previous tests moved on.
    private readonly FakeClockServer _server = server;
    private readonly DirectLineHttp _client = new(server.BaseAddress);

    [Fact]
    public async Task Expired_token_is_refused_with_403_TokenExpired()
    {
        var (conversationId, token, streamUrl) = await _client.StartAsync();

        _server.Clock.Advance(TimeSpan.FromMinutes(31));
        using var read = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);
        using var refresh = await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal("TokenExpired", await DirectLineHttp.ErrorCodeAsync(read));
        Assert.Equal(HttpStatusCode.Forbidden, refresh.StatusCode);
        Assert.Equal("TokenExpired", await DirectLineHttp.ErrorCodeAsync(refresh));
        Assert.Equal(403, await StreamClient.RefusalAsync(streamUrl));
    }

    [Fact]
    public async Task Token_refreshed_before_it_expires_keeps_the_conversation_going()
    {
        var (conversationId, token, _) = await _client.StartAsync();

        _server.Clock.Advance(TimeSpan.FromMinutes(20));
        using var refresh = await _client.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        var refreshed = (await refresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        _server.Clock.Advance(TimeSpan.FromMinutes(20));

        using var withOld = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);
        Assert.Equal(HttpStatusCode.Forbidden, withOld.StatusCode);
        await _client.PostMessageAsync(conversationId, refreshed, "what is naloxone");
    }

    [Fact]
    public async Task Conversation_and_transcript_expire_with_the_state_ttl()
    {
        var (conversationId, token, _) = await _client.StartAsync();
        await _client.PostMessageAsync(conversationId, token, "what is naloxone");

        _server.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        using var response = await _client.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", DirectLineServer.Secret);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Quiet_stream_gets_empty_keep_alive_frames()
    {
        var (_, _, streamUrl) = await _client.StartAsync();
        using var stream = await StreamClient.ConnectAsync(streamUrl);

        var frame = await AdvanceUntilFrameAsync(stream);

        Assert.Equal(string.Empty, frame);
    }

    [Fact]
    public async Task Stream_delivers_what_another_instance_stored()
    {
        var (conversationId, _, streamUrl) = await _client.StartAsync();
        using var stream = await StreamClient.ConnectAsync(streamUrl);

        // Written straight to the shared store, as another instance would: no push reaches this instance's streams.
        var store = _server.Services.GetRequiredService<ConversationStore>();
        var note = Activity.CreateMessage("stored by another instance", TextFormats.Plain);
        note.From = new ChannelAccount { Id = "harmreduction-bot", Role = "bot" };
        await store.AppendAsync(conversationId, [note], CancellationToken.None);
        var frame = await AdvanceUntilFrameAsync(stream, nonEmpty: true);

        var activity = Assert.Single(JsonDocument.Parse(frame!).RootElement.GetProperty("activities").EnumerateArray());
        Assert.Equal("stored by another instance", activity.GetProperty("text").GetString());
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Moves the clock a few seconds at a time until the stream sends something.</summary>
    private async Task<string?> AdvanceUntilFrameAsync(StreamClient stream, bool nonEmpty = false)
    {
        for (var step = 0; step < 40; step++)
        {
            _server.Clock.Advance(TimeSpan.FromSeconds(4));
            while (await stream.HasFrameWithinAsync(TimeSpan.FromMilliseconds(100)))
            {
                var frame = await stream.NextFrameAsync();
                if (!nonEmpty || !string.IsNullOrEmpty(frame))
                {
                    return frame;
                }
            }
        }

        throw new TimeoutException("The stream sent nothing.");
    }
}
