using Microsoft.Extensions.Logging;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// A share of a <see cref="MediaClock"/>'s schedules, kept in order of their next deadline and run by one driver
/// (a dedicated thread or a one-shot timer) that subclasses provide: the driver wakes at the earliest deadline,
/// calls <see cref="RunDue"/>, and sleeps until the deadline it returns.
/// </summary>
internal abstract class MediaClockLane : IDisposable
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<MediaSchedule, long> _queue = new();
    private readonly List<MediaSchedule> _due = [];
    private readonly ILogger _logger;
    private long _planned = long.MaxValue;
    private int _count;

    protected MediaClockLane(TimeProvider time, ILogger logger)
    {
        Time = time;
        _logger = logger;
    }

    /// <summary>Live schedules on this lane.</summary>
    public int Count => Volatile.Read(ref _count);

    protected TimeProvider Time { get; }

    /// <summary>Adds a schedule and wakes the driver if its first tick is due before the driver planned to wake.</summary>
    public void Add(MediaSchedule schedule)
    {
        bool earlier;
        lock (_gate)
        {
            _queue.Enqueue(schedule, schedule.NextDeadline);
            _count++;
            earlier = schedule.NextDeadline < _planned;
            if (earlier) _planned = schedule.NextDeadline;
        }

        if (earlier) Wake(schedule.NextDeadline);
    }

    /// <summary>A schedule was disposed; it leaves the queue lazily, when its deadline comes up.</summary>
    public void Remove()
    {
        lock (_gate) _count--;
    }

    /// <inheritdoc />
    public abstract void Dispose();

    /// <summary>The earliest deadline, as a timestamp of <see cref="Time"/>; <see cref="long.MaxValue"/> for none.</summary>
    protected long PlannedDeadline
    {
        get { lock (_gate) return _planned; }
    }

    /// <summary>The earliest deadline moved earlier, to <paramref name="deadline"/>, than the driver planned to wake for.</summary>
    protected abstract void Wake(long deadline);

    /// <summary>Runs the ticks of every schedule due at <paramref name="now"/> and returns the next deadline (<see cref="long.MaxValue"/> for none).</summary>
    /// <remarks>The driver never calls this concurrently; the queue is locked only around its own updates, so a call starting or ending does not wait for ticks to run.</remarks>
    protected long RunDue(long now)
    {
        lock (_gate)
        {
            while (_queue.TryPeek(out var schedule, out var deadline) && deadline <= now)
            {
                _queue.Dequeue();
                if (!schedule.IsDisposed) _due.Add(schedule);
            }
        }

        foreach (var schedule in _due)
        {
            try
            {
                schedule.RunDue(now);
            }
            catch (Exception e)
            {
                // A handler that throws would end the thread or timer that drives every other call on this lane.
                _logger.LogWarning(e, "A media tick failed");
            }
        }

        lock (_gate)
        {
            foreach (var schedule in _due)
            {
                if (!schedule.IsDisposed) _queue.Enqueue(schedule, schedule.NextDeadline);
            }

            while (_queue.TryPeek(out var schedule, out _) && schedule.IsDisposed) _queue.Dequeue();
            _planned = _queue.TryPeek(out _, out var next) ? next : long.MaxValue;
            _due.Clear();
            return _planned;
        }
    }
}
