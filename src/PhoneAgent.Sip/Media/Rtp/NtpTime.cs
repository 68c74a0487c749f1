namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// Conversions for the NTP-format times RTCP carries (RFC 3550 §4): 64-bit timestamps in SRs, and the compact
/// 32-bit forms used by the LSR and DLSR fields of report blocks.
/// </summary>
public static class NtpTime
{
    private static readonly DateTimeOffset Epoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // 65536 s is the first duration the 16.16 fixed-point DLSR cannot hold.
    private const long MaxCompactTicks = 65536 * TimeSpan.TicksPerSecond;

    /// <summary>
    /// Seconds since 1900-01-01 UTC in the high 32 bits, binary fraction in the low 32. The seconds wrap in 2036, as
    /// NTP era 0 does; RTCP only ever compares nearby values, so the wrap is harmless.
    /// </summary>
    public static ulong FromDateTimeOffset(DateTimeOffset time)
    {
        var ticks = (time - Epoch).Ticks;
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        var fraction = ((ulong)(ticks % TimeSpan.TicksPerSecond) << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    /// <summary>The middle 32 bits of an NTP timestamp: the LSR field of a report block (RFC 3550 §6.4.1).</summary>
    public static uint ToCompact(ulong ntpTimestamp) => (uint)(ntpTimestamp >> 16);

    /// <summary>A duration in units of 1/65536 s, as the DLSR field carries it; saturates rather than wraps.</summary>
    public static uint ToCompactDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return 0;
        }

        return duration.Ticks >= MaxCompactTicks ? uint.MaxValue : (uint)(duration.Ticks * 65536 / TimeSpan.TicksPerSecond);
    }
}
