using HarmReduction.Bot.Activities;
using Microsoft.Extensions.Options;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// The WebSocket streams open on this instance, by conversation, within <c>DirectLine:StreamsPerConversation</c> and
/// <c>DirectLine:MaxStreams</c>. Pushing is per instance: a stream also rereads the stored transcript every few seconds
/// (only what is after its watermark), so activities written by another instance still arrive.
/// </summary>
public sealed class StreamHub(IOptions<DirectLineOptions> options)
{
    private readonly Dictionary<string, List<StreamSession>> _streams = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _count;

    /// <summary>
    /// Registers a stream; returns one pushed out to make room (the oldest of its conversation), if any. False when the
    /// instance already holds its most streams.
    /// </summary>
    public bool TryAdd(StreamSession session, out StreamSession? evicted)
    {
        evicted = null;
        lock (_lock)
        {
            if (!_streams.TryGetValue(session.ConversationId, out var sessions))
            {
                if (_count >= options.Value.MaxStreams)
                {
                    return false;
                }

                _streams[session.ConversationId] = sessions = [];
            }
            else if (sessions.Count < options.Value.StreamsPerConversation && _count >= options.Value.MaxStreams)
            {
                return false;
            }

            sessions.Add(session);
            _count++;
            if (sessions.Count > options.Value.StreamsPerConversation)
            {
                evicted = sessions[0];
                sessions.RemoveAt(0);
                _count--;
            }

            return true;
        }
    }

    public void Remove(StreamSession session)
    {
        lock (_lock)
        {
            if (_streams.TryGetValue(session.ConversationId, out var sessions) && sessions.Remove(session))
            {
                _count--;
                if (sessions.Count == 0)
                {
                    _streams.Remove(session.ConversationId);
                }
            }
        }
    }

    /// <summary>Activities were just stored for the conversation (with their ids).</summary>
    public void Push(string conversationId, IReadOnlyList<Activity> stored)
    {
        foreach (var session in SessionsOf(conversationId))
        {
            session.Push(stored);
        }
    }

    /// <summary>Activities kept only in this instance's memory while the store is down: sent as they are, the watermark unmoved.</summary>
    public void PushUnstored(string conversationId, IReadOnlyList<Activity> activities)
    {
        foreach (var session in SessionsOf(conversationId))
        {
            session.PushUnstored(activities);
        }
    }

    /// <summary>A typing activity goes to the open streams only; it is never stored.</summary>
    public void Typing(string conversationId, Activity typing)
    {
        foreach (var session in SessionsOf(conversationId))
        {
            session.Typing(typing);
        }
    }

    public int Count(string conversationId) => SessionsOf(conversationId).Count;

    /// <summary>Streams open on this instance.</summary>
    public int Total
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    private List<StreamSession> SessionsOf(string conversationId)
    {
        lock (_lock)
        {
            return _streams.TryGetValue(conversationId, out var sessions) ? [.. sessions] : [];
        }
    }
}
