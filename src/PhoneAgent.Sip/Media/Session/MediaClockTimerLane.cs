using Microsoft.Extensions.Logging;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// A lane driven by one one-shot <see cref="ITimer"/> of the clock's <see cref="TimeProvider"/>, re-armed to the
/// earliest deadline after each run. A test clock (ManualTimeProvider) therefore runs the due ticks synchronously
/// inside <c>Advance</c>, and a session with no shared clock costs one timer, as it always did.
/// </summary>
internal sealed class MediaClockTimerLane : MediaClockLane
{
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private bool _running;
    private bool _disposed;

    public MediaClockTimerLane(TimeProvider time, ILogger logger)
        : base(time, logger)
    {
        _timer = time.CreateTimer(static state => ((MediaClockTimerLane)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        lock (_gate) _disposed = true;
        _timer.Dispose();
    }

    /// <inheritdoc />
    protected override void Wake(long deadline)
    {
        // While a run is in progress it re-arms from the planned deadline when it ends; arming now could start a
        // second run concurrently on another pool thread.
        lock (_gate)
        {
            if (!_running && !_disposed) Arm(deadline);
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_disposed || _running) return;
            _running = true;
        }

        RunDue(Time.GetTimestamp());
        lock (_gate)
        {
            _running = false;
            if (!_disposed) Arm(PlannedDeadline);
        }
    }

    private void Arm(long deadline)
    {
        if (deadline == long.MaxValue)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var wait = Time.GetElapsedTime(Time.GetTimestamp(), deadline);
        _timer.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
    }
}
