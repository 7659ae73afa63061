using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using HarmReduction.Bot.Activities;
using HarmReduction.Bot.Conversation.State;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// One open <c>streamUrl</c> WebSocket: sends new activities as ActivitySets with their watermark, in the order they
/// happened (the echo, typing, then the replies), and an empty frame as keep-alive when the line has been quiet.
/// Activities are pushed by this instance as they are stored; the stored transcript is also reread every few seconds and
/// whenever a push shows a gap, so a stream never misses what another instance stored. Anything the client sends
/// (the official client pings with empty messages) is read and ignored.
/// </summary>
public sealed class StreamSession(string conversationId, long watermark, ConversationStore store, TimeProvider time)
{
    public static readonly TimeSpan RereadInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    // When a slow client lets signals pile up the oldest are dropped: the gap check rereads the store for them.
    private readonly Channel<Signal> _signals = Channel.CreateBounded<Signal>(
        new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    // Replies already sent, so a typing activity that arrives after its answer is not shown.
    private readonly HashSet<string> _answered = new(StringComparer.Ordinal);

    private long _watermark = watermark;
    private volatile bool _evicted;
    private WebSocket? _socket;

    public string ConversationId { get; } = conversationId;

    /// <summary>Activities just stored for the conversation, oldest first, with their ids.</summary>
    public void Push(IReadOnlyList<Activity> stored) => _signals.Writer.TryWrite(new Signal(stored, null, null));

    public void Typing(Activity typing) => _signals.Writer.TryWrite(new Signal(null, typing, null));

    /// <summary>Activities the store could not take (it is down): sent as they are, without moving the watermark.</summary>
    public void PushUnstored(IReadOnlyList<Activity> activities) => _signals.Writer.TryWrite(new Signal(null, null, activities));

    /// <summary>Closes the stream with reason "collision": a newer stream on the same conversation took its place.</summary>
    public void Evict()
    {
        _evicted = true;
        _signals.Writer.TryComplete();
    }

    /// <summary>
    /// Serves the stream until either side closes it. The session is registered with the hub before the socket is
    /// accepted, so nothing stored between the handshake and the first read can slip past it.
    /// </summary>
    public async Task RunAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        _socket = socket;
        var receiving = ReceiveAsync(cancellationToken);
        try
        {
            await SendLoopAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away or the server is stopping.
        }

        await CloseAsync(receiving);
    }

    private string Watermark => _watermark.ToString(CultureInfo.InvariantCulture);

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        var lastSent = time.GetUtcNow();
        if (await SendStoredAsync(cancellationToken))
        {
            lastSent = time.GetUtcNow();
        }

        Task<bool>? waiting = null;
        while (true)
        {
            waiting ??= _signals.Reader.WaitToReadAsync(cancellationToken).AsTask();
            var sent = false;
            using (var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var delay = Task.Delay(RereadInterval, time, stopDelay.Token);
                var woken = await Task.WhenAny(waiting, delay) == waiting;
                await stopDelay.CancelAsync();
                if (woken)
                {
                    if (!await waiting)
                    {
                        return;
                    }

                    waiting = null;
                }
                else
                {
                    sent = await SendStoredAsync(cancellationToken);
                }
            }

            while (_signals.Reader.TryRead(out var signal))
            {
                sent |= signal switch
                {
                    { Typing: { } typing } => await SendTypingAsync(typing, cancellationToken),
                    { Unstored: { } unstored } => await SendUnstoredAsync(unstored, cancellationToken),
                    _ => await SendPushedAsync(signal.Stored!, cancellationToken),
                };
            }

            var now = time.GetUtcNow();
            if (sent)
            {
                lastSent = now;
            }
            else if (now - lastSent >= KeepAliveInterval)
            {
                await SendFrameAsync(ReadOnlyMemory<byte>.Empty, cancellationToken);
                lastSent = now;
            }
        }
    }

    private async Task<bool> SendPushedAsync(IReadOnlyList<Activity> stored, CancellationToken cancellationToken)
    {
        if (stored.Count == 0)
        {
            return false;
        }

        if (DirectLineConversation.SequenceOf(stored[0].Id) > _watermark + 1)
        {
            // Something came before these that this stream has not seen: the store has it all.
            return await SendStoredAsync(cancellationToken);
        }

        var fresh = stored.Where(a => DirectLineConversation.SequenceOf(a.Id) > _watermark).ToList();
        return fresh.Count > 0 && await SendActivitiesAsync(fresh, DirectLineConversation.SequenceOf(fresh[^1].Id), cancellationToken);
    }

    private async Task<bool> SendStoredAsync(CancellationToken cancellationToken)
    {
        DirectLineConversation? conversation;
        try
        {
            conversation = await store.GetAsync(ConversationId, cancellationToken, after: _watermark);
        }
        catch (Exception e) when (StoreFault.Is(e, cancellationToken) && e is not WebSocketException)
        {
            // The store is down: the stream stays open, and what this instance answers meanwhile is pushed to it.
            return false;
        }

        if (conversation is null)
        {
            // Expired while the stream was open: nothing more will come.
            _signals.Writer.TryComplete();
            return false;
        }

        var activities = conversation.After(_watermark);
        return activities.Count > 0 && await SendActivitiesAsync(activities, conversation.LastSequence, cancellationToken);
    }

    private async Task<bool> SendActivitiesAsync(IReadOnlyList<Activity> activities, long watermark, CancellationToken cancellationToken)
    {
        _watermark = watermark;
        if (_answered.Count > 256)
        {
            _answered.Clear();
        }

        foreach (var activity in activities)
        {
            if (activity.ReplyToId is { } answered && activity.From?.Role == RoleTypes.Bot)
            {
                _answered.Add(answered);
            }
        }

        await SendAsync(new ActivitySet(activities, Watermark), cancellationToken);
        return true;
    }

    private async Task<bool> SendUnstoredAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        foreach (var activity in activities)
        {
            if (activity.ReplyToId is { } answered && activity.From?.Role == RoleTypes.Bot)
            {
                _answered.Add(answered);
            }
        }

        await SendAsync(new ActivitySet(activities, Watermark), cancellationToken);
        return true;
    }

    private async Task<bool> SendTypingAsync(Activity typing, CancellationToken cancellationToken)
    {
        if (typing.ReplyToId is { } replyTo && _answered.Contains(replyTo))
        {
            return false;
        }

        await SendAsync(new ActivitySet([typing], Watermark), cancellationToken);
        return true;
    }
    private Task SendAsync(ActivitySet set, CancellationToken cancellationToken) =>
        SendFrameAsync(JsonSerializer.SerializeToUtf8Bytes(set, DirectLineJson.Options), cancellationToken);

    private async Task SendFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        // A client that stops reading (a phone that lost signal) must not hold the stream forever.
        using var timeout = new CancellationTokenSource(SendTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await _socket!.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, linked.Token);
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        try
        {
            while (_socket!.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }

        _signals.Writer.TryComplete();
    }

    private async Task CloseAsync(Task receiving)
    {
        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            if (_socket!.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                var (status, reason) = _evicted
                    ? (WebSocketCloseStatus.PolicyViolation, "collision")
                    : (WebSocketCloseStatus.NormalClosure, "closed");
                await _socket.CloseOutputAsync(status, reason, timeout.Token);
            }

            await receiving.WaitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or TimeoutException)
        {
            _socket!.Abort();
        }
    }

    private sealed record Signal(IReadOnlyList<Activity>? Stored, Activity? Typing, IReadOnlyList<Activity>? Unstored);
}
