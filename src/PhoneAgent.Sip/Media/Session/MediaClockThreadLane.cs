using Microsoft.Extensions.Logging;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// A lane driven by its own thread, which sleeps until the earliest deadline and then runs every tick due. Ticks
/// so never queue in the thread pool behind socket completions and other work, which is what made a timer per
/// call run late under load (docs/PERFORMANCE.md, media load).
/// </summary>
internal sealed class MediaClockThreadLane : MediaClockLane
{
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private volatile bool _stopping;
    private int _disposed;

    /// <summary>Starts the lane's thread, under SCHED_FIFO at <paramref name="realtimePriority"/> when it is above 0 and the kernel allows it.</summary>
    public MediaClockThreadLane(TimeProvider time, ILogger logger, string name, int realtimePriority = 0)
        : base(time, logger)
    {
        _thread = ThreadScheduling.Start(name, Run, realtimePriority, out var error);
        RealtimeError = error;
    }

    /// <summary>0 when the thread runs at the realtime priority asked for (or none was); otherwise the errno that refused it.</summary>
    public int RealtimeError { get; }

    /// <inheritdoc />
    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping = true;
        _wake.Set();
        if (Thread.CurrentThread != _thread) _thread.Join();
        _wake.Dispose();
    }

    /// <inheritdoc />
    protected override void Wake(long deadline) => _wake.Set();

    private void Run()
    {
        while (!_stopping)
        {
            var next = RunDue(Time.GetTimestamp());
            if (next == long.MaxValue)
            {
                _wake.WaitOne();
                continue;
            }

            // Rounded up: a wait ends a little after its deadline (about 0.1 ms on Linux), never before it, so
            // a wake-up always finds the tick it woke for due.
            var wait = Time.GetElapsedTime(Time.GetTimestamp(), next);
            if (wait > TimeSpan.Zero) _wake.WaitOne((int)Math.Ceiling(wait.TotalMilliseconds));
        }
    }
}
