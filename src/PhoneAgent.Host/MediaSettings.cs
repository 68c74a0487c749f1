namespace PhoneAgent.Host;

/// <summary>The "Media" configuration section: what happens to each answered call's audio.</summary>
public sealed class MediaSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Media";

    // More media threads than this only adds context switches: each one serves hundreds of calls.
    private const int MaxThreads = 64;

    /// <summary>Where to write one stereo WAV per call (caller left, bot right); empty for no recording.</summary>
    public string? RecordingsFolder { get; set; }

    /// <summary>Play the caller's audio back to them instead of running the conversation: tests the media path without speech engines.</summary>
    public bool Echo { get; set; }

    /// <summary>Seconds without RTP, outside hold, after which the call is ended with <c>MediaTimeout</c>.</summary>
    public double InactivityTimeoutSeconds { get; set; } = 30;

    /// <summary>Dedicated threads that run every call's 20 ms media ticks (0: one per processor).</summary>
    public int ClockThreads { get; set; }

    /// <summary>
    /// SCHED_FIFO priority (1-99) of the clock and receive threads, so that neither a packet's tick nor an arriving
    /// packet (a barge-in onset among them) waits for a core behind speech recognition, synthesis or another process;
    /// 0 runs them at normal priority. Refused without CAP_SYS_NICE or a
    /// high enough RLIMIT_RTPRIO (systemd: <c>LimitRTPRIO=</c>), which is logged, and the threads then run at normal priority.
    /// </summary>
    public int RealtimePriority { get; set; } = 10;

    /// <summary>Threads that read every call's RTP and RTCP sockets with epoll (0: one per two processors).</summary>
    public int ReceiveThreads { get; set; }

    /// <summary>Validates the settings; throws <see cref="ConfigurationException"/> naming the bad key.</summary>
    public MediaSettings Validate()
    {
        if (InactivityTimeoutSeconds is < 1 or > 3600 || double.IsNaN(InactivityTimeoutSeconds))
        {
            throw new ConfigurationException($"{Section}:{nameof(InactivityTimeoutSeconds)}", $"{InactivityTimeoutSeconds} is outside 1-3600 seconds");
        }

        if (ClockThreads is < 0 or > MaxThreads)
        {
            throw new ConfigurationException($"{Section}:{nameof(ClockThreads)}", $"{ClockThreads} is outside 0-{MaxThreads} (0: one per processor)");
        }

        if (RealtimePriority is < 0 or > 99)
        {
            throw new ConfigurationException($"{Section}:{nameof(RealtimePriority)}", $"{RealtimePriority} is outside 0-99 (0: normal scheduling)");
        }

        if (ReceiveThreads is < 0 or > MaxThreads)
        {
            throw new ConfigurationException($"{Section}:{nameof(ReceiveThreads)}", $"{ReceiveThreads} is outside 0-{MaxThreads} (0: one per two processors)");
        }

        return this;
    }
}
