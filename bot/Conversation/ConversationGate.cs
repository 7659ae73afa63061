namespace HarmReduction.Bot.Conversation;

/// <summary>
/// One turn at a time per conversation on this instance: a second message waits for the first to be answered instead of
/// racing it for the conversation's state (review M2). Gates exist only while someone holds or waits for them.
/// </summary>
public sealed class ConversationGate
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Waits for the conversation's turn; dispose the result to let the next one in.</summary>
    public async Task<IDisposable> EnterAsync(string conversationKey, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_lock)
        {
            if (!_gates.TryGetValue(conversationKey, out gate!))
            {
                _gates[conversationKey] = gate = new Gate();
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(conversationKey, gate, entered: false);
            throw;
        }

        return new Pass(() => Leave(conversationKey, gate, entered: true));
    }

    /// <summary>Gates currently held or waited for (tests check that none leak).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _gates.Count;
            }
        }
    }

    private void Leave(string conversationKey, Gate gate, bool entered)
    {
        if (entered)
        {
            gate.Semaphore.Release();
        }

        lock (_lock)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(conversationKey);
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Pass(Action release) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                release();
            }
        }
    }
}
