using System.Globalization;

namespace PhoneAgent.MediaLoad;

/// <summary>Linux counters the benchmark needs that .NET does not expose: per-thread CPU time and UDP drop counts.</summary>
internal static class ProcStat
{
    // USER_HZ, the unit of the utime/stime fields in /proc; 100 on every Linux architecture .NET runs on.
    private const double ClockTicksPerSecond = 100;

    /// <summary>The calling thread's kernel thread id, the first field of its own stat line.</summary>
    public static int CurrentThreadId()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        return int.Parse(stat.AsSpan(0, stat.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
    }

    /// <summary>User plus system CPU time of thread <paramref name="tid"/> of this process.</summary>
    public static TimeSpan ThreadCpu(int tid)
    {
        var stat = File.ReadAllText($"/proc/self/task/{tid}/stat");

        // Fields after the parenthesised command name (which may hold spaces): state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
    }

    /// <summary>
    /// Datagrams the kernel dropped, machine-wide, because a UDP socket's receive buffer was full: a loss that no
    /// socket owner sees, so it is how a receive loop falling behind shows up.
    /// </summary>
    public static long UdpReceiveBufferErrors()
    {
        var lines = File.ReadAllLines("/proc/net/snmp").Where(l => l.StartsWith("Udp: ", StringComparison.Ordinal)).ToArray();
        var names = lines[0].Split(' ');
        var values = lines[1].Split(' ');
        return long.Parse(values[Array.IndexOf(names, "RcvbufErrors")], CultureInfo.InvariantCulture);
    }
}
