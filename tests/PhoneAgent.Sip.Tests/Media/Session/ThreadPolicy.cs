using System.Globalization;

namespace PhoneAgent.Sip.Tests.Media.Session;

/// <summary>The calling thread's scheduling policy and realtime priority, as the kernel reports them.</summary>
internal static class ThreadPolicy
{
    public const int Other = 0;
    public const int Fifo = 1;

    /// <summary>proc(5): /proc/thread-self/stat fields 40 (rt_priority) and 41 (policy), counted from 1, after the "(comm)" field 2.</summary>
    public static (int Policy, int Priority) Current()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[41 - 3], CultureInfo.InvariantCulture), int.Parse(fields[40 - 3], CultureInfo.InvariantCulture));
    }

    /// <summary>Checks what a thread that asked for SCHED_FIFO at <paramref name="priority"/> saw, given whether its owner says it got it.</summary>
    public static void AssertAsked((int Policy, int Priority) seen, bool granted, int priority)
    {
        if (granted)
        {
            Assert.Equal((Fifo, priority), seen);
            return;
        }

        // Refused only without privilege (CI runs as root, so there the first branch is what is tested).
        Assert.NotEqual("root", Environment.UserName);
        Assert.Equal((Other, 0), seen);
    }
}
