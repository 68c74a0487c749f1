namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// Arithmetic on 32-bit RTP timestamps, which start at a random value (RFC 3550 §5.1) and so can wrap within the
/// first seconds of a call. Distances are taken in <see cref="uint"/> and reinterpreted as signed.
/// </summary>
public static class RtpTimestamp
{
    /// <summary>The signed distance in clock ticks from <paramref name="from"/> to <paramref name="to"/>; <c>Delta(uint.MaxValue, 0)</c> is 1.</summary>
    public static int Delta(uint from, uint to) => (int)(to - from);

    /// <summary>Whether <paramref name="candidate"/> is later than <paramref name="reference"/>, allowing for wrap.</summary>
    public static bool IsNewer(uint candidate, uint reference) => Delta(reference, candidate) > 0;

    /// <summary>Extends a 32-bit timestamp to the 64-bit value nearest <paramref name="reference"/>.</summary>
    public static long Extend(uint timestamp, long reference) => reference + Delta((uint)reference, timestamp);

    /// <summary>
    /// Converts a local elapsed time into RTP clock ticks, truncated to 32 bits so that it wraps like a timestamp.
    /// This is the "arrival time in timestamp units" that the interarrival jitter of RFC 3550 §6.4.1 is computed from.
    /// </summary>
    public static uint FromElapsed(TimeSpan elapsed, int clockRate) => (uint)(elapsed.Ticks * clockRate / TimeSpan.TicksPerSecond);

    /// <summary>Converts a number of RTP clock ticks into time.</summary>
    public static TimeSpan ToTimeSpan(long ticks, int clockRate) => TimeSpan.FromTicks(ticks * TimeSpan.TicksPerSecond / clockRate);
}
