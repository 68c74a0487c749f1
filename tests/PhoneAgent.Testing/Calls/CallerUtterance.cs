namespace PhoneAgent.Testing.Calls;

/// <summary>Audio the caller was asked to say, and when its speech actually went out on the wire.</summary>
public sealed class CallerUtterance
{
    private readonly TaskCompletionSource<TimeSpan> _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal CallerUtterance(short[][] frames, double speechLevel)
    {
        Frames = frames;
        SpeechLevel = speechLevel;
    }

    internal short[][] Frames { get; }

    internal double SpeechLevel { get; }

    /// <summary>When the first frame louder than the speech level was sent: the speech onset on the wire.</summary>
    public TimeSpan? FirstSpeechSent { get; internal set; }

    /// <summary>When the last frame louder than the speech level was sent: the end of speech on the wire.</summary>
    public TimeSpan? LastSpeechSent { get; internal set; }

    /// <summary>Completes with the send time of the utterance's last frame.</summary>
    public Task<TimeSpan> Sent => _sent.Task;

    internal void Complete(TimeSpan at) => _sent.TrySetResult(at);

    internal void Abandon() => _sent.TrySetCanceled();
}
