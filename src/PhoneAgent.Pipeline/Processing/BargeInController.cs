using Microsoft.Extensions.Logging;
using PhoneAgent.Pipeline.Conversation;
using PhoneAgent.Pipeline.Turns;

namespace PhoneAgent.Pipeline.Processing;

/// <summary>
/// Decides what caller speech does to the bot. An onset pauses whatever is in flight at once (no "bot speaking" flag
/// is consulted, Pipecat #3986: queued audio, playing audio and a reply still being generated all count); a confirm
/// interrupts it; a rejected onset resumes it.
/// </summary>
/// <remarks>
/// <para>
/// Onsets come two ways. The <see cref="ArrivalOnsetDetector"/> hears packets as they arrive and calls
/// <see cref="OnEarlyOnset"/> from the port's receive path; the input loop hears the same audio a jitter buffer's
/// depth later and reports <see cref="OnOnset"/>, <see cref="OnConfirmed"/> and <see cref="OnRejected"/> as before,
/// then <see cref="OnFrame"/>. An early onset only pauses, and only while the input loop is waiting for speech; the
/// input loop's verdict on that audio decides as it always did. An early onset the input loop never hears (the two
/// detectors disagreed) is rejected once the confirm window has passed without one, so the bot is never held paused
/// longer than noise can hold it on the input loop alone.
/// </para>
/// <para>Thread-safe: the state is under one lock, and the interrupt and observer calls run outside it.</para>
/// </remarks>
internal sealed class BargeInController(TurnTracker turns, Playout playout, IConversationObserver observer, TimeProvider time, ILogger logger, int earlyGraceFrames)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _onsetAt;
    private long _pausedTurn;
    private bool _listening = true;
    private bool _early;
    private int _earlyFrames;

    /// <summary>An arriving packet rose above the onset threshold; the input loop has not heard it yet.</summary>
    public void OnEarlyOnset()
    {
        lock (_gate)
        {
            if (!_listening || _early) return;
            _early = true;
            _earlyFrames = 0;
            _onsetAt = time.GetUtcNow();
            _pausedTurn = playout.Pause() ? turns.Current?.Id ?? 0 : 0;
            if (_pausedTurn != 0) logger.LogDebug("Turn {TurnId}: caller onset on arrival, playback paused", _pausedTurn);
        }
    }

    /// <summary>The input loop's fast detector heard a possible start of speech.</summary>
    public void OnOnset()
    {
        lock (_gate)
        {
            // An early onset was this same audio, heard sooner: keep its time and its pause.
            if (!_early) _onsetAt = time.GetUtcNow();
            _early = false;
            _listening = false;
            _pausedTurn = playout.Pause() ? turns.Current?.Id ?? 0 : 0;
            if (_pausedTurn != 0) logger.LogDebug("Turn {TurnId}: caller onset, playback paused", _pausedTurn);
        }
    }

    /// <summary>The caller's speech was confirmed: interrupt the turn in flight, if it may be.</summary>
    public void OnConfirmed(bool hadOnset)
    {
        DateTimeOffset onsetAt;
        lock (_gate)
        {
            if (!hadOnset && !_early) _onsetAt = time.GetUtcNow();
            onsetAt = _onsetAt;
            _early = false;
            _listening = false;
            _pausedTurn = 0;
        }

        if (turns.Current is not { AllowInterruptions: true, IsInterrupted: false } handle || handle.Done.IsCompleted) return;
        logger.LogInformation("Turn {TurnId}: caller barged in", handle.Id);
        handle.Interrupt();
        Notify(new BargeInEvent(handle.Id, onsetAt, time.GetUtcNow(), true));
    }

    /// <summary>The onset was noise: resume the paused turn.</summary>
    public void OnRejected()
    {
        lock (_gate) _early = false;
        Resume();
    }

    /// <summary>
    /// The input loop processed a frame and is (<paramref name="silence"/>) or is not waiting for speech. Counts down
    /// the grace of an early onset it has not heard.
    /// </summary>
    public void OnFrame(bool silence)
    {
        lock (_gate)
        {
            _listening = silence;
            if (!_early || !silence || ++_earlyFrames < earlyGraceFrames) return;
            _early = false;
            logger.LogDebug("An onset heard on arrival never reached the input loop's detector; treating it as noise");
        }

        Resume();
    }

    private void Resume()
    {
        long turn;
        DateTimeOffset onsetAt;
        lock (_gate)
        {
            if (_pausedTurn == 0) return;
            turn = _pausedTurn;
            onsetAt = _onsetAt;
            _pausedTurn = 0;
            logger.LogDebug("Turn {TurnId}: false interruption, resuming playback", turn);
            playout.Resume();
        }

        Notify(new BargeInEvent(turn, onsetAt, time.GetUtcNow(), false));
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
