namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// A drift-free periodic clock for one call's media: tick <c>k</c> is due at <c>start + k * period</c> on the
/// monotonic clock of a <see cref="TimeProvider"/>, so a late callback never pushes the later ticks back. One
/// one-shot <see cref="ITimer"/> is re-armed to the next absolute deadline after every tick.
/// </summary>
/// <remarks>
/// <para>
/// When the timer fires late (a GC pause, an overloaded host) the ticks that fell due meanwhile run back to back,
/// up to <see cref="MaxCatchUpTicks"/> of them; older ones are skipped and counted, so a long stall costs a gap in
/// the audio rather than seconds of added latency. The tick index still counts the skipped ticks, so an RTP
/// timestamp derived from it keeps following the wall clock (RFC 3550 §5.1: the timestamp reflects the sampling
/// instant).
/// </para>
/// <para>Ticks never overlap: the timer is re-armed only after the callback returns.</para>
/// </remarks>
public sealed class MediaTicker : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Action<long> _onTick;
    private readonly long _periodTimestampTicks;
    private ITimer? _timer;
    private long _start;
    private long _next;
    private long _lateTicks;
    private long _skippedTicks;
    private bool _disposed;

    /// <summary>Creates a stopped ticker that calls <paramref name="onTick"/> with the tick index every <paramref name="period"/>.</summary>
    /// <param name="time">The clock; its timestamps are the schedule's monotonic time base.</param>
    /// <param name="period">The tick period, usually the packetisation time.</param>
    /// <param name="onTick">Runs once per tick with its index (0 for the tick at start). Must not throw.</param>
    /// <param name="maxCatchUpTicks">How many overdue ticks may run back to back before the rest are skipped.</param>
    public MediaTicker(TimeProvider time, TimeSpan period, Action<long> onTick, int maxCatchUpTicks = 3)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(onTick);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCatchUpTicks);
        _time = time;
        _onTick = onTick;
        Period = period;
        MaxCatchUpTicks = maxCatchUpTicks;
        _periodTimestampTicks = (long)(period.Ticks * (double)time.TimestampFrequency / TimeSpan.TicksPerSecond);
    }

    /// <summary>The interval between ticks.</summary>
    public TimeSpan Period { get; }

    /// <summary>The most overdue ticks that run back to back after a late wake-up.</summary>
    public int MaxCatchUpTicks { get; }

    /// <summary>Ticks that ran after a later tick had already fallen due.</summary>
    public long LateTicks
    {
        get { lock (_gate) return _lateTicks; }
    }

    /// <summary>Ticks that were skipped because the timer woke up too late to catch up.</summary>
    public long SkippedTicks
    {
        get { lock (_gate) return _skippedTicks; }
    }

    /// <summary>Starts the schedule now; tick 0 runs as soon as the timer fires.</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_timer is not null) throw new InvalidOperationException("The ticker is already running");
            _start = _time.GetTimestamp();
            _next = 0;
            _timer = _time.CreateTimer(static state => ((MediaTicker)state!).OnTimer(), this, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Stops the ticks; a tick already running completes.</summary>
    public void Dispose()
    {
        ITimer? timer;
        lock (_gate)
        {
            _disposed = true;
            timer = _timer;
            _timer = null;
        }

        timer?.Dispose();
    }

    private void OnTimer()
    {
        long first, last;
        lock (_gate)
        {
            if (_disposed) return;
            var due = (_time.GetTimestamp() - _start) / _periodTimestampTicks;
            first = _next;
            if (due - first > MaxCatchUpTicks)
            {
                _skippedTicks += due - MaxCatchUpTicks - first;
                first = due - MaxCatchUpTicks;
            }

            last = Math.Max(due, first);
            _lateTicks += last - first;
            _next = last + 1;
        }

        for (var k = first; k <= last; k++) _onTick(k);

        lock (_gate)
        {
            if (_disposed || _timer is null) return;
            var deadline = _start + (_next * _periodTimestampTicks);
            var wait = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
            _timer.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
        }
    }
}
