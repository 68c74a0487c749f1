using PhoneAgent.Sip.Media.Session;
using PhoneAgent.Testing;

namespace PhoneAgent.Sip.Tests.Media.Session;

public class MediaClockTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void Ticks_fall_on_absolute_deadlines_without_drift()
    {
        var time = new ManualTimeProvider();
        var start = time.GetTimestamp();
        var at = new List<(long Index, long Ticks)>();
        using var clock = new MediaClock(time, lanes: 2);
        using var schedule = clock.Schedule(Period, (k, _) => at.Add((k, time.GetTimestamp() - start)));

        // Odd step sizes so that deadlines fall between advances.
        for (var i = 0; i < 1000; i++) time.Advance(TimeSpan.FromMilliseconds(7));

        Assert.Equal(351, at.Count);
        for (var k = 0; k < at.Count; k++)
        {
            Assert.Equal(k, at[k].Index);
            Assert.Equal(TimeSpan.FromMilliseconds(20 * k).Ticks, at[k].Ticks);
        }

        Assert.Equal(0, schedule.LateTicks);
        Assert.Equal(0, schedule.SkippedTicks);
    }

    [Fact]
    public void Schedules_keep_the_phase_of_their_start_and_spread_over_the_lanes()
    {
        var time = new ManualTimeProvider();
        var origin = time.GetTimestamp();
        using var clock = new MediaClock(time, lanes: 2);
        var ticks = new List<(int Schedule, long Index, long At)>();
        var schedules = new List<MediaSchedule>();
        for (var s = 0; s < 4; s++)
        {
            var id = s;
            schedules.Add(clock.Schedule(Period, (k, _) => ticks.Add((id, k, time.GetTimestamp() - origin))));
            time.Advance(TimeSpan.FromMilliseconds(5));
        }

        time.Advance(TimeSpan.FromMilliseconds(100));

        for (var s = 0; s < 4; s++)
        {
            var mine = ticks.Where(t => t.Schedule == s).ToList();
            Assert.Equal(Enumerable.Range(0, mine.Count).Select(k => (long)k), mine.Select(t => t.Index));
            Assert.All(mine, t => Assert.Equal(TimeSpan.FromMilliseconds((5 * s) + (20 * t.Index)).Ticks, t.At));
        }

        // Ticks of different schedules interleave in deadline order, whichever lane owns them.
        Assert.Equal(ticks.OrderBy(t => t.At).ThenBy(t => t.Schedule), ticks);
        foreach (var schedule in schedules) schedule.Dispose();
    }

    [Fact]
    public void A_late_wake_up_runs_every_overdue_tick_and_flags_the_oldest_stale()
    {
        var time = new SteppedTimeProvider();
        var ticks = new List<(long Index, bool Stale)>();
        using var clock = new MediaClock(time, lanes: 1);
        using var schedule = clock.Schedule(Period, (k, stale) => ticks.Add((k, stale)), maxCatchUpTicks: 3);
        time.FireAt(TimeSpan.Zero);
        time.FireAt(TimeSpan.FromMilliseconds(20));

        // A 200 ms stall: tick 11 is due, 8, 9 and 10 run late before it, 2 to 7 run stale; none is lost.
        time.FireAt(TimeSpan.FromMilliseconds(225));
        Assert.Equal(TimeSpan.FromMilliseconds(15), time.Due);
        time.FireAt(TimeSpan.FromMilliseconds(240));

        Assert.Equal(Enumerable.Range(0, 13).Select(k => (long)k), ticks.Select(t => t.Index));
        Assert.Equal([2, 3, 4, 5, 6, 7], ticks.Where(t => t.Stale).Select(t => t.Index));
        Assert.Equal(3, schedule.LateTicks);
        Assert.Equal(6, schedule.SkippedTicks);
    }

    [Fact]
    public void Ticks_beyond_the_backlog_are_dropped_so_an_overloaded_clock_stays_on_the_wall_clock()
    {
        var time = new SteppedTimeProvider();
        var ticks = new List<(long Index, bool Stale)>();
        using var clock = new MediaClock(time, lanes: 1);
        using var schedule = clock.Schedule(Period, (k, stale) => ticks.Add((k, stale)), maxCatchUpTicks: 2, maxBacklogTicks: 5);
        time.FireAt(TimeSpan.Zero);

        // A 1 s stall: tick 50 is due; 45 to 47 run stale, 48 and 49 late, 1 to 44 are dropped.
        time.FireAt(TimeSpan.FromMilliseconds(1005));

        Assert.Equal([0, 45, 46, 47, 48, 49, 50], ticks.Select(t => t.Index));
        Assert.Equal([45, 46, 47], ticks.Where(t => t.Stale).Select(t => t.Index));
        Assert.Equal(2, schedule.LateTicks);
        Assert.Equal(44 + 3, schedule.SkippedTicks);
    }

    [Fact]
    public void Disposing_a_schedule_stops_it_and_an_idle_clock_arms_no_timer()
    {
        var time = new ManualTimeProvider();
        using var clock = new MediaClock(time, lanes: 1);
        var stopped = 0;
        var kept = 0;
        var schedule = clock.Schedule(Period, (_, _) => stopped++);
        using (clock.Schedule(Period, (_, _) => kept++))
        {
            time.Advance(TimeSpan.FromMilliseconds(40));
            schedule.Dispose();
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, stopped);
        Assert.Equal(53, kept);
        time.Advance(Period);
        Assert.Equal(0, time.ActiveTimerCount);
    }

    [Fact]
    public void A_throwing_handler_does_not_stop_the_other_schedules()
    {
        var time = new ManualTimeProvider();
        using var clock = new MediaClock(time, lanes: 1);
        var count = 0;
        using var bad = clock.Schedule(Period, (_, _) => throw new InvalidOperationException("bad tick"));
        using var good = clock.Schedule(Period, (_, _) => count++);
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(6, count);
    }

    [Fact]
    public async Task On_the_system_clock_dedicated_threads_tick_every_schedule()
    {
        using var clock = new MediaClock(TimeProvider.System, lanes: 2);
        var counts = new int[8];
        var threads = new HashSet<int>[8];
        var schedules = Enumerable.Range(0, 8).Select(s =>
        {
            threads[s] = [];
            return clock.Schedule(TimeSpan.FromMilliseconds(5), (_, _) =>
            {
                Interlocked.Increment(ref counts[s]);
                lock (threads[s]) threads[s].Add(Environment.CurrentManagedThreadId);
            });
        }).ToList();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Enumerable.Range(0, 8).Any(s => Volatile.Read(ref counts[s]) < 5))
        {
            Assert.False(timeout.IsCancellationRequested, "the schedules did not tick");
            await Task.Delay(5);
        }

        foreach (var schedule in schedules) schedule.Dispose();
        Assert.Equal(2, threads.SelectMany(t => t).Distinct().Count());
        Assert.All(threads, t => Assert.Single(t));
    }

    [Fact]
    public async Task Ticks_run_under_the_realtime_policy_asked_for_unless_the_clock_reports_a_refusal()
    {
        using var clock = new MediaClock(TimeProvider.System, lanes: 2, realtimePriority: 7);
        var seen = new TaskCompletionSource<(int Policy, int Priority)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var schedule = clock.Schedule(Period, (_, _) => seen.TrySetResult(ThreadPolicy.Current()));
        ThreadPolicy.AssertAsked(await seen.Task.WaitAsync(TimeSpan.FromSeconds(10)), clock.IsRealtime, 7);
    }

    [Fact]
    public void A_realtime_priority_outside_1_to_99_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaClock(TimeProvider.System, lanes: 1, realtimePriority: 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaClock(TimeProvider.System, lanes: 1, realtimePriority: -1));
    }
}
