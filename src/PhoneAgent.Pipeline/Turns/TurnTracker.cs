using PhoneAgent.Pipeline.Conversation;

namespace PhoneAgent.Pipeline.Turns;

/// <summary>
/// Numbers the bot's turns and knows the current one, so that any processor can tell a stale frame (from a turn that
/// was superseded or interrupted) from a live one. Thread-safe.
/// </summary>
public sealed class TurnTracker(TimeProvider time, Action<SpeechHandle> interrupt)
{
    private readonly Lock _gate = new();
    private long _lastId;
    private SpeechHandle? _current;

    /// <summary>The latest turn's handle, or null before the first.</summary>
    public SpeechHandle? Current
    {
        get
        {
            lock (_gate) return _current;
        }
    }

    /// <summary>Starts the next turn and makes it current.</summary>
    public SpeechHandle Begin(bool allowInterruptions, string userText)
    {
        lock (_gate)
        {
            _current = new SpeechHandle(++_lastId, allowInterruptions, userText, time, interrupt);
            return _current;
        }
    }

    /// <summary>Whether frames of <paramref name="turnId"/> must be dropped: the turn is not current, or was interrupted.</summary>
    public bool IsStale(long turnId)
    {
        lock (_gate) return _current is null || _current.Id != turnId || _current.IsInterrupted;
    }

    /// <summary>The current turn if it is <paramref name="turnId"/> and still live.</summary>
    public SpeechHandle? Live(long turnId)
    {
        lock (_gate) return _current is { } c && c.Id == turnId && !c.IsInterrupted ? c : null;
    }
}
