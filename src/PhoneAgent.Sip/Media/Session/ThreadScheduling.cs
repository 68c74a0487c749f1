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
    /// <param name="realtimePriority">1-99 for SCHED_FIFO at that priority; 0 for normal scheduling.</param>
    /// <param name="realtimeError">0, or the errno that refused the priority (EPERM without privilege).</param>
    public static Thread Start(string name, Action body, int realtimePriority, out int realtimeError)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(realtimePriority);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(realtimePriority, MaxRealtimePriority);
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

    /// <summary>Logs whether <paramref name="threads"/> got the realtime priority they asked for (nothing when they asked for none).</summary>
    public static void LogOutcome(ILogger logger, string threads, int priority, int error)
    {
        if (priority == 0) return;
        if (error == 0)
        {
            logger.LogInformation("{Threads} at realtime priority {Priority} (SCHED_FIFO)", threads, priority);
            return;
        }

        logger.LogWarning(
            "{Threads}: realtime priority {Priority} (SCHED_FIFO) was refused ({Error}); they run at normal priority, so packets may leave and be read late while the cores are busy. Grant CAP_SYS_NICE or an RLIMIT_RTPRIO at least that high (systemd: LimitRTPRIO=), or ask for priority 0",
            threads, priority, Marshal.GetPInvokeErrorMessage(error));
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
