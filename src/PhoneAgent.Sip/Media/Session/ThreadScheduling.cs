using System.Runtime.InteropServices;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>Puts the calling thread under the realtime FIFO scheduling policy (sched(7)).</summary>
/// <remarks>
/// Linux applies sched_setscheduler(2) with pid 0 to the calling thread only. A SCHED_FIFO thread preempts every
/// normal thread the moment it wakes, so a media tick no longer waits behind speech recognition, synthesis or other
/// processes for a core; the kernel's realtime throttling (sched_rt_runtime_us, 95 % by default) still leaves the
/// normal threads their share should a tick ever spin. Raising needs CAP_SYS_NICE or an RLIMIT_RTPRIO at least as
/// high as the priority.
/// </remarks>
internal static unsafe partial class ThreadScheduling
{
    /// <summary>The highest SCHED_FIFO priority Linux accepts.</summary>
    public const int MaxRealtimePriority = 99;

    private const int SchedFifo = 1;

    /// <summary>Moves the calling thread to SCHED_FIFO at <paramref name="priority"/>; returns 0 or the errno that refused it (EPERM without privilege).</summary>
    public static int TrySetRealtime(int priority)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(priority, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priority, MaxRealtimePriority);
        if (!OperatingSystem.IsLinux()) return -1;

        // struct sched_param holds just the priority (sched.h).
        var parameter = priority;
        return SchedSetScheduler(0, SchedFifo, &parameter) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    [LibraryImport("libc.so.6", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, int* parameter);
}
