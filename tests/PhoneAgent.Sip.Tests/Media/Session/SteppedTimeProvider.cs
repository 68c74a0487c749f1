namespace PhoneAgent.Sip.Tests.Media.Session;

/// <summary>
/// A clock with one timer that fires only when the test says so, at whatever time the test chooses: the way to
/// make a timer fire late, which <see cref="PhoneAgent.Testing.ManualTimeProvider"/> never does.
/// </summary>
internal sealed class SteppedTimeProvider : TimeProvider
{
    private TimerCallback? _callback;
    private object? _state;

    public long Now { get; private set; }

    /// <summary>The delay the timer was last armed with.</summary>
    public TimeSpan Due { get; private set; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _callback = callback;
        _state = state;
        Due = dueTime;
        return new Timer(this);
    }

    public void FireAt(TimeSpan elapsed)
    {
        Now = elapsed.Ticks;
        _callback!(_state);
    }

    private sealed class Timer(SteppedTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Due = dueTime;
            return true;
        }

        public void Dispose() => owner._callback = null;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
