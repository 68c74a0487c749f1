using PhoneAgent.Pipeline.Metrics;

namespace PhoneAgent.Pipeline.Conversation;

/// <summary>
/// One bot utterance (a greeting or the reply to one caller turn), LiveKit's <c>SpeechHandle</c>: its id is the turn
/// id every frame of it carries, its token cancels the agent and synthesis, and <see cref="Done"/> completes once it
/// has been played or interrupted. Completion is guaranteed by a hard timeout after an interrupt, so the call can
/// never stick in "speaking" (LiveKit #3418). Its cancellation source has no timer, so it needs no disposal.
/// </summary>
public sealed class SpeechHandle
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource<SpeechOutcome> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<SpeechHandle> _interrupt;

    internal SpeechHandle(long id, bool allowInterruptions, string userText, TimeProvider time, Action<SpeechHandle> interrupt)
    {
        Id = id;
        AllowInterruptions = allowInterruptions;
        UserText = userText;
        Metrics = new TurnMetricsRecorder(id, time);
        Token = _cancellation.Token;
        _interrupt = interrupt;
    }

    /// <summary>The turn id.</summary>
    public long Id { get; }

    /// <summary>Whether caller speech may cut this utterance (false for a greeting configured not to be).</summary>
    public bool AllowInterruptions { get; }

    /// <summary>What the caller said that this utterance answers; empty for a greeting.</summary>
    public string UserText { get; }

    /// <summary>Completes with the outcome once the utterance has been played to the end or interrupted.</summary>
    public Task<SpeechOutcome> Done => _done.Task;

    /// <summary>Whether the utterance was interrupted.</summary>
    public bool IsInterrupted => _cancellation.IsCancellationRequested;

    /// <summary>Cancelled when the utterance is interrupted: stops the agent and synthesis of this turn.</summary>
    public CancellationToken Token { get; }

    /// <summary>This turn's stage timestamps.</summary>
    public TurnMetricsRecorder Metrics { get; }

    /// <summary>The agent asked to hang up (or transfer) once this utterance has been played.</summary>
    internal bool EndCall { get; set; }

    /// <summary>Where to transfer the caller when <see cref="EndCall"/> is set, or null to hang up.</summary>
    internal string? TransferTarget { get; set; }

    /// <summary>Stops the utterance now, whether or not it allows interruptions (the pipeline itself checks <see cref="AllowInterruptions"/> for barge-in).</summary>
    public void Interrupt() => _interrupt(this);

    /// <summary>Cancels the turn's work; true the first time.</summary>
    internal bool Cancel()
    {
        if (_cancellation.IsCancellationRequested) return false;
        _cancellation.Cancel();
        return true;
    }

    internal bool Complete(SpeechOutcome outcome) => _done.TrySetResult(outcome);
}
