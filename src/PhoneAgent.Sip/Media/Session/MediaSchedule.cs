namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// One periodic schedule on a <see cref="MediaClock"/>: tick <c>k</c> is due at <c>start + k * period</c> on the
/// clock's monotonic time base, so a late wake-up never pushes the later ticks back. Disposing it unregisters it.
/// </summary>
/// <remarks>
/// When the clock wakes late (a GC pause, an overloaded host) the ticks that fell due meanwhile run back to back and
/// in order. Those older than <see cref="MaxCatchUpTicks"/> periods are flagged stale (see
/// <see cref="MediaTickHandler"/>), so the send side skips them while the receive side still drains one frame for
/// each. Ticks older than <see cref="MaxBacklogTicks"/> periods do not run at all: a host that stays overloaded
/// sheds work instead of falling further behind, and stays on the wall clock. The index counts every tick, so an RTP timestamp derived from it keeps following the wall clock (RFC 3550
/// §5.1: the timestamp reflects the sampling instant). Ticks of one schedule never overlap.
/// </remarks>
public sealed class MediaSchedule : IDisposable
{
    private readonly MediaClockLane _lane;
    private readonly MediaTickHandler _onTick;
    private readonly long _start;
    private readonly long _periodTimestampTicks;
    private long _next;
    private long _lateTicks;
    private long _skippedTicks;
    private volatile bool _disposed;

    internal MediaSchedule(MediaClockLane lane, long start, long periodTimestampTicks, TimeSpan period, MediaTickHandler onTick, int maxCatchUpTicks, int maxBacklogTicks)
    {
        MaxBacklogTicks = maxBacklogTicks;
        _lane = lane;
        _start = start;
        _periodTimestampTicks = periodTimestampTicks;
        _onTick = onTick;
        Period = period;
        MaxCatchUpTicks = maxCatchUpTicks;
    }

    /// <summary>The interval between ticks.</summary>
    public TimeSpan Period { get; }

    /// <summary>The most overdue ticks that run as normal ticks after a late wake-up; older ones run stale.</summary>
    public int MaxCatchUpTicks { get; }

    /// <summary>The most overdue ticks that run at all after a late wake-up; older ones are dropped.</summary>
    public int MaxBacklogTicks { get; }

    /// <summary>Ticks that ran, not stale, after a later tick had already fallen due.</summary>
    public long LateTicks => Interlocked.Read(ref _lateTicks);

    /// <summary>Ticks that ran stale or were dropped because the clock woke too late to catch up.</summary>
    public long SkippedTicks => Interlocked.Read(ref _skippedTicks);

    internal bool IsDisposed => _disposed;

    /// <summary>When the next tick is due, as a timestamp of the clock's <see cref="TimeProvider"/>.</summary>
    internal long NextDeadline => _start + (_next * _periodTimestampTicks);

    /// <summary>Stops the ticks; a tick already running completes.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _lane.Remove();
    }

    /// <summary>Runs every tick due at <paramref name="now"/>; called by the lane that owns the schedule, never concurrently.</summary>
    internal void RunDue(long now)
    {
        var due = (now - _start) / _periodTimestampTicks;
        var staleBefore = due - MaxCatchUpTicks;
        var oldest = due - MaxBacklogTicks;
        if (_next < oldest)
        {
            Interlocked.Add(ref _skippedTicks, oldest - _next);
            _next = oldest;
        }

        for (var k = _next; k <= due && !_disposed; k++)
        {
            var stale = k < staleBefore;
            if (stale) Interlocked.Increment(ref _skippedTicks);
            else if (k < due) Interlocked.Increment(ref _lateTicks);
            _next = k + 1;
            _onTick(k, stale);
        }
    }
}
