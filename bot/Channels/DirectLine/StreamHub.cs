using HarmReduction.Bot.Activities;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// The WebSocket streams open on this instance, by conversation. Pushing is per instance: a stream also rereads the
/// stored transcript every few seconds, so activities written by another instance still arrive.
/// </summary>
public sealed class StreamHub
{
    /// <summary>More streams than this on one conversation close the oldest (Direct Line's "collision").</summary>
    public const int MaxStreamsPerConversation = 4;

    private readonly Dictionary<string, List<StreamSession>> _streams = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Registers a stream; returns one pushed out to make room, if any.</summary>
    public StreamSession? Add(StreamSession session)
    {
        lock (_lock)
        {
            if (!_streams.TryGetValue(session.ConversationId, out var sessions))
            {
                _streams[session.ConversationId] = sessions = [];
            }

            sessions.Add(session);
            if (sessions.Count <= MaxStreamsPerConversation)
            {
                return null;
            }

            var oldest = sessions[0];
            sessions.RemoveAt(0);
            return oldest;
        }
    }

    public void Remove(StreamSession session)
    {
        lock (_lock)
        {
            if (_streams.TryGetValue(session.ConversationId, out var sessions) && sessions.Remove(session) && sessions.Count == 0)
            {
                _streams.Remove(session.ConversationId);
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

    /// <summary>A typing activity goes to the open streams only; it is never stored.</summary>
    public void Typing(string conversationId, Activity typing)
    {
        foreach (var session in SessionsOf(conversationId))
        {
            session.Typing(typing);
        }
    }

    public int Count(string conversationId) => SessionsOf(conversationId).Count;

    private List<StreamSession> SessionsOf(string conversationId)
    {
        lock (_lock)
        {
            return _streams.TryGetValue(conversationId, out var sessions) ? [.. sessions] : [];
        }
    }
}
