using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// The media clock shared by every call: a few lanes (one per core by default), each running the ticks of the
/// schedules it owns on absolute deadlines, instead of one timer per call. A new schedule joins the lane with the
/// fewest; its ticks keep the phase of the instant it was created, so calls that start at random instants spread
/// their packets over the period as before.
/// </summary>
/// <remarks>
/// <para>
/// On <see cref="TimeProvider.System"/> each lane is a dedicated thread, so that media ticks never wait in the
/// thread pool behind socket completions (at 500 calls a timer per call ran late while a core sat idle; see
/// docs/PERFORMANCE.md). Any other provider drives each lane with one of its own timers, so a test clock runs the
/// due ticks synchronously when it advances.
/// </para>
/// <para>Thread-safe. Disposing stops every lane; schedules still registered then never tick again.</para>
/// </remarks>
public sealed class MediaClock : IDisposable
{
    private readonly MediaClockLane[] _lanes;
    private int _disposed;

    /// <summary>Creates and starts a clock with <paramref name="lanes"/> lanes (0: one per processor).</summary>
    /// <param name="time">The time base; <see cref="TimeProvider.System"/> gets dedicated threads, any other provider its own timers.</param>
    /// <param name="lanes">How many lanes share the schedules (0: one per processor).</param>
    /// <param name="logger">Where failed ticks and the lanes' scheduling are logged.</param>
    /// <param name="realtimePriority">
    /// 1-99: the dedicated threads ask for SCHED_FIFO at this priority, so that a tick is not delayed by normal
    /// threads (speech recognition, synthesis, other processes) holding the cores; a refusal is logged and the lanes run
    /// at normal priority. 0: normal scheduling.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lanes"/> is negative or <paramref name="realtimePriority"/> outside 0-99.</exception>
    public MediaClock(TimeProvider time, int lanes = 0, ILogger? logger = null, int realtimePriority = 0)
        : this(time, lanes, time == TimeProvider.System, logger, realtimePriority)
    {
    }

    private MediaClock(TimeProvider time, int lanes, bool dedicatedThreads, ILogger? logger, int realtimePriority = 0)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegative(lanes);
        ThreadScheduling.ThrowIfInvalid(realtimePriority);
        Time = time;
        logger ??= NullLogger.Instance;
        _lanes = new MediaClockLane[lanes == 0 ? Environment.ProcessorCount : lanes];
        for (var i = 0; i < _lanes.Length; i++)
        {
            _lanes[i] = dedicatedThreads ? new MediaClockThreadLane(time, logger, $"media-clock-{i}", realtimePriority) : new MediaClockTimerLane(time, logger);
        }

        IsRealtime = dedicatedThreads &&
            ThreadScheduling.Report(logger, $"Media clock: {_lanes.Length} lane(s)", realtimePriority, _lanes.OfType<MediaClockThreadLane>().Select(l => l.RealtimeError));
    }

    /// <summary>The time base of every schedule.</summary>
    public TimeProvider Time { get; }

    /// <summary>How many lanes share the schedules.</summary>
    public int LaneCount => _lanes.Length;

    /// <summary>
    /// Starts a schedule whose tick 0 is due now and tick <c>k</c> at <c>k * <paramref name="period"/></c> from now.
    /// </summary>
    /// <param name="period">The tick period, usually the packetisation time.</param>
    /// <param name="onTick">Runs once per tick on the lane's thread; it should not block, and an exception it throws is logged and swallowed.</param>
    /// <param name="maxCatchUpTicks">How many overdue ticks run as normal ticks after a late wake-up before older ones run stale.</param>
    /// <param name="maxBacklogTicks">How many overdue ticks run at all after a late wake-up; at least <paramref name="maxCatchUpTicks"/>.</param>
    /// <returns>The schedule; dispose it to stop the ticks.</returns>
    public MediaSchedule Schedule(TimeSpan period, MediaTickHandler onTick, int maxCatchUpTicks = 3, int maxBacklogTicks = 50)
    {
        ArgumentNullException.ThrowIfNull(onTick);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCatchUpTicks);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBacklogTicks, maxCatchUpTicks);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var lane = _lanes.MinBy(l => l.Count)!;
        var periodTimestampTicks = Math.Max(1, (long)(period.Ticks * (double)Time.TimestampFrequency / TimeSpan.TicksPerSecond));
        var schedule = new MediaSchedule(lane, Time.GetTimestamp(), periodTimestampTicks, period, onTick, maxCatchUpTicks, maxBacklogTicks);
        lane.Add(schedule);
        return schedule;
    }

    /// <summary>Stops every lane; a tick already running completes first.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        foreach (var lane in _lanes) lane.Dispose();
    }

    /// <summary>Whether every lane runs under SCHED_FIFO (false for a clock on timers or one that did not ask).</summary>
    public bool IsRealtime { get; }

    /// <summary>A one-lane clock on <paramref name="time"/>'s timers, for a session that was given no shared clock.</summary>
    internal static MediaClock CreatePrivate(TimeProvider time, ILogger? logger) => new(time, 1, dedicatedThreads: false, logger);
}
