using System.Runtime.InteropServices;

namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>
/// The one libc call the harness needs: sending a POSIX signal. .NET can only SIGKILL a child
/// (<see cref="System.Diagnostics.Process.Kill(bool)"/>), but sipp finishes its calls and writes its
/// statistics only on SIGUSR1 or SIGTERM.
/// </summary>
internal static partial class LibC
{
    /// <summary>SIGUSR1 on Linux: sipp's soft exit (no new calls, finish the running ones).</summary>
    public const int SigUsr1 = 10;

    /// <summary>SIGTERM on Linux: sipp exits at once but still writes its statistics.</summary>
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is gone.</summary>
    public static bool TrySignal(int pid, int signal) => Kill(pid, signal) == 0;
}
