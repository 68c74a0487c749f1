namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// Arithmetic on 16-bit RTP sequence numbers. Everything is done in <see cref="ushort"/> and reinterpreted as a signed
/// 16-bit distance, so 65535 → 0 is simply "one later" with no modulo to get wrong (pion/interceptor #253 was a
/// modulo-65535 bug in a jitter buffer).
/// </summary>
public static class RtpSequenceNumber
{
    /// <summary>
    /// The signed distance from <paramref name="from"/> to <paramref name="to"/>: positive when <paramref name="to"/>
    /// is later, in [-32768, 32767]. <c>Delta(65535, 0)</c> is 1.
    /// </summary>
    public static int Delta(ushort from, ushort to) => (short)(ushort)(to - from);

    /// <summary>Whether <paramref name="candidate"/> comes after <paramref name="reference"/>, allowing for wrap.</summary>
    public static bool IsNewer(ushort candidate, ushort reference) => Delta(reference, candidate) > 0;

    /// <summary>
    /// Extends a 16-bit sequence number to the 64-bit value nearest <paramref name="reference"/>, the running count of
    /// wraps that RFC 3550 Appendix A.1 keeps in <c>cycles</c>: a number just after a wrap lands one cycle up, a
    /// straggler from before it one cycle down.
    /// </summary>
    public static long Extend(ushort sequenceNumber, long reference) => reference + Delta((ushort)reference, sequenceNumber);
}
