using Microsoft.Extensions.Logging;
using PhoneAgent.Pipeline.Conversation;
using PhoneAgent.Pipeline.Turns;

namespace PhoneAgent.Pipeline.Processing;

/// <summary>
/// Decides what caller speech does to the bot. An onset pauses whatever is in flight at once (no "bot speaking" flag
/// is consulted, Pipecat #3986: queued audio, playing audio and a reply still being generated all count); a confirm
/// interrupts it; a rejected onset resumes it. Called from the input loop only.
/// </summary>
internal sealed class BargeInController(TurnTracker turns, Playout playout, IConversationObserver observer, TimeProvider time, ILogger logger)
{
    private DateTimeOffset _onsetAt;
    private long _pausedTurn;

    /// <summary>The fast detector heard a possible start of speech.</summary>
    public void OnOnset()
    {
        _onsetAt = time.GetUtcNow();
        _pausedTurn = playout.Pause() ? turns.Current?.Id ?? 0 : 0;
        if (_pausedTurn != 0) logger.LogDebug("Turn {TurnId}: caller onset, playback paused", _pausedTurn);
    }

    /// <summary>The caller's speech was confirmed: interrupt the turn in flight, if it may be.</summary>
    public void OnConfirmed(bool hadOnset)
    {
        if (!hadOnset) _onsetAt = time.GetUtcNow();
        _pausedTurn = 0;
        if (turns.Current is not { AllowInterruptions: true, IsInterrupted: false } handle || handle.Done.IsCompleted) return;
        logger.LogInformation("Turn {TurnId}: caller barged in", handle.Id);
        handle.Interrupt();
        Notify(new BargeInEvent(handle.Id, _onsetAt, time.GetUtcNow(), true));
    }

    /// <summary>The onset was noise: resume the paused turn.</summary>
    public void OnRejected()
    {
        if (_pausedTurn == 0) return;
        var turn = _pausedTurn;
        _pausedTurn = 0;
        logger.LogDebug("Turn {TurnId}: false interruption, resuming playback", turn);
        playout.Resume();
        Notify(new BargeInEvent(turn, _onsetAt, time.GetUtcNow(), false));
    }

    private void Notify(BargeInEvent e)
    {
        try
        {
            observer.OnBargeIn(e);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Conversation observer failed on a barge-in");
        }
    }
}
