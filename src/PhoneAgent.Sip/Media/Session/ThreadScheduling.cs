using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>Starts the media engine's dedicated threads, under the realtime FIFO scheduling policy (sched(7)) when asked.</summary>
/// <remarks>
/// Linux applies sched_setscheduler(2) with pid 0 to the calling thread only. A SCHED_FIFO thread preempts every
/// normal thread the moment it wakes, so a media tick or an arriving packet no longer waits behind speech recognition,
/// synthesis or other processes for a core; the kernel's realtime throttling (sched_rt_runtime_us, 95 % by default)
/// still leaves the normal threads their share should one of them ever spin. Raising needs CAP_SYS_NICE or an
/// RLIMIT_RTPRIO at least as high as the priority.
/// </remarks>
internal static unsafe partial class ThreadScheduling
{
    /// <summary>The highest SCHED_FIFO priority Linux accepts.</summary>
    public const int MaxRealtimePriority = 99;

    private const int SchedFifo = 1;

    /// <summary>
    /// Starts a background thread that first moves itself to SCHED_FIFO at <paramref name="realtimePriority"/> (when
    /// above 0) and then runs <paramref name="body"/>; returns once the move was tried.
    /// </summary>
    /// <param name="name">The thread's name, as tools (top -H, perf) show it.</param>
    /// <param name="body">What the thread runs.</param>
    /// <param name="realtimePriority">1-99 for SCHED_FIFO at that priority; 0 for normal scheduling (checked beforehand with <see cref="ThrowIfInvalid"/>).</param>
    /// <param name="realtimeError">0, or the errno that refused the priority (EPERM without privilege).</param>
    public static Thread Start(string name, Action body, int realtimePriority, out int realtimeError)
    {
        var error = 0;
        using var started = new ManualResetEventSlim(false);
        var thread = new Thread(() =>
        {
            if (realtimePriority > 0) error = TrySetRealtime(realtimePriority);
            started.Set();
            body();
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        started.Wait();
        realtimeError = error;
        return thread;
    }

    /// <summary>Checks a priority before any thread or descriptor is created: 0 (normal scheduling) or 1-99.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="realtimePriority"/> is outside 0-99.</exception>
    public static void ThrowIfInvalid(int realtimePriority)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(realtimePriority);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(realtimePriority, MaxRealtimePriority);
    }

    /// <summary>
    /// Logs whether <paramref name="threads"/> got the realtime priority they asked for (nothing when they asked for
    /// none) and returns whether all of them did (false when they asked for none).
    /// </summary>
    /// <param name="logger">Where it is logged.</param>
    /// <param name="threads">Which threads, as the log line names them.</param>
    /// <param name="priority">The priority they asked for; 0 for none.</param>
    /// <param name="errors">Each thread's outcome from <see cref="Start"/>: 0 or an errno.</param>
    public static bool Report(ILogger logger, string threads, int priority, IEnumerable<int> errors)
    {
        if (priority == 0) return false;
        var error = errors.FirstOrDefault(e => e != 0);
        if (error == 0)
        {
            logger.LogInformation("{Threads} at realtime priority {Priority} (SCHED_FIFO)", threads, priority);
            return true;
        }

        logger.LogWarning(
            "{Threads}: realtime priority {Priority} (SCHED_FIFO) was refused ({Error}); they run at normal priority, so packets may leave and be read late while the cores are busy. Grant CAP_SYS_NICE or an RLIMIT_RTPRIO at least that high (systemd: LimitRTPRIO=), or ask for priority 0",
            threads, priority, Marshal.GetPInvokeErrorMessage(error));
        return false;
    }

    private static int TrySetRealtime(int priority)
    {
        if (!OperatingSystem.IsLinux()) return -1;

        // struct sched_param holds just the priority (sched.h).
        var parameter = priority;
        return SchedSetScheduler(0, SchedFifo, &parameter) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    [LibraryImport("libc.so.6", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, int* parameter);
}
