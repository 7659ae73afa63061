using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace HarmReduction.Bot.Tests.Channels.DirectLine;

/// <summary>A plain WebSocket on a Direct Line <c>streamUrl</c>, reading whole text frames.</summary>
internal sealed class StreamClient : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly ClientWebSocket _socket = new();
    private Task<string?>? _pending;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseStatusDescription => _socket.CloseStatusDescription;

    public static async Task<StreamClient> ConnectAsync(string streamUrl)
    {
        var client = new StreamClient();
        client._socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(Patience);
        await client._socket.ConnectAsync(new Uri(streamUrl), timeout.Token);
        return client;
    }

    /// <summary>The HTTP status a refused handshake got.</summary>
    public static async Task<int> RefusalAsync(string streamUrl)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None));
        return (int)socket.HttpStatusCode;
    }

    /// <summary>The next text frame ("" for a keep-alive), or null when the server closed the stream.</summary>
    public async Task<string?> NextFrameAsync()
    {
        var frame = _pending ?? ReceiveAsync();
        _pending = null;
        return await frame.WaitAsync(Patience);
    }

    /// <summary>Waits for the next frame a little while; false (and the frame kept for later) if none came.</summary>
    public async Task<bool> HasFrameWithinAsync(TimeSpan wait)
    {
        _pending ??= ReceiveAsync();
        return await Task.WhenAny(_pending, Task.Delay(wait)) == _pending;
    }

    /// <summary>Activities from the following ActivitySets (keep-alives skipped) until one matches.</summary>
    public async Task<List<JsonElement>> ActivitiesUntilAsync(Func<JsonElement, bool> last)
    {
        var activities = new List<JsonElement>();
        while (true)
        {
            var frame = await NextFrameAsync() ?? throw new InvalidOperationException("The stream closed early.");
            if (frame.Length == 0)
            {
                continue;
            }

            var set = JsonDocument.Parse(frame).RootElement.Clone();
            Assert.Equal(JsonValueKind.String, set.GetProperty("watermark").ValueKind);
            foreach (var activity in set.GetProperty("activities").EnumerateArray())
            {
                activities.Add(activity);
                if (last(activity))
                {
                    return activities;
                }
            }
        }
    }

    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
    }

    private async Task<string?> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }
}
