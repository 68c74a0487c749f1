using System.Runtime.InteropServices;

namespace PhoneAgent.Pipeline.Threading;

/// <summary>
/// Lowers the calling thread's scheduling priority on Linux, where the nice value is a per-thread attribute
/// (pthreads(7): nice(2) and setpriority(2) with PRIO_PROCESS and 0 act on the calling thread only). Lowering needs
/// no privilege; raising it back would, so a thread lowered here stays lowered, and every thread it creates
/// inherits its nice value.
/// </summary>
internal static partial class ThreadNice
{
    /// <summary>The highest nice value Linux accepts (the lowest priority); larger increments stop there.</summary>
    public const int Max = 19;

    /// <summary>Adds <paramref name="increment"/> to the calling thread's nice value (Linux only; elsewhere nothing).</summary>
    public static void LowerCurrentThread(int increment)
    {
        if (increment <= 0 || !OperatingSystem.IsLinux()) return;

        // nice(2) fails only for a negative increment without privilege; a positive one is clamped at 19.
        _ = Nice(increment);
    }

    [LibraryImport("libc.so.6", EntryPoint = "nice")]
    private static partial int Nice(int increment);
}
