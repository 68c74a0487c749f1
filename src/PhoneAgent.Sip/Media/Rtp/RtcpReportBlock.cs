using System.Buffers.Binary;

namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// One reception report block of an SR or RR (RFC 3550 §6.4.1): what we received from one source.
/// </summary>
/// <remarks>
/// <code>
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |                 SSRC_n (SSRC of source n)                     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | fraction lost |       cumulative number of packets lost       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           extended highest sequence number received           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                      interarrival jitter                      |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         last SR (LSR)                         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                   delay since last SR (DLSR)                  |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// </code>
/// </remarks>
/// <param name="Ssrc">The source this block reports on.</param>
/// <param name="FractionLost">Packets lost since the previous report, as a fixed-point fraction of 256.</param>
/// <param name="CumulativeLost">
/// Packets lost since reception began: a 24-bit signed field, negative when duplicates outnumber losses. Values outside
/// [<see cref="MinCumulativeLost"/>, <see cref="MaxCumulativeLost"/>] are written clamped, as Appendix A.3 prescribes.
/// </param>
/// <param name="ExtendedHighestSequenceNumber">Wrap count in the high 16 bits, highest sequence number in the low 16.</param>
/// <param name="Jitter">The interarrival jitter estimate in timestamp units (§6.4.1, Appendix A.8).</param>
/// <param name="LastSenderReport">The middle 32 bits of the NTP timestamp of the last SR from this source, or 0.</param>
/// <param name="DelaySinceLastSenderReport">Time since that SR arrived, in units of 1/65536 s, or 0.</param>
public readonly record struct RtcpReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequenceNumber,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    /// <summary>The size of a report block.</summary>
    public const int Size = 24;

    /// <summary>The most negative cumulative loss the 24-bit field holds.</summary>
    public const int MinCumulativeLost = -0x800000;

    /// <summary>The largest cumulative loss the 24-bit field holds.</summary>
    public const int MaxCumulativeLost = 0x7FFFFF;

    /// <summary>Reads a block; the caller has checked that <paramref name="source"/> holds <see cref="Size"/> bytes.</summary>
    internal static RtcpReportBlock Read(ReadOnlySpan<byte> source)
    {
        // Shift the 24-bit field to the top of an int and back down so that its sign bit is extended.
        var lost = (int)(BinaryPrimitives.ReadUInt32BigEndian(source[4..]) << 8) >> 8;
        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(source),
            source[4],
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(source[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[20..]));
    }

    /// <summary>Writes the block; the caller has checked that <paramref name="destination"/> holds <see cref="Size"/> bytes.</summary>
    internal void Write(Span<byte> destination)
    {
        var lost = Math.Clamp(CumulativeLost, MinCumulativeLost, MaxCumulativeLost);
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ((uint)FractionLost << 24) | ((uint)lost & 0xFFFFFF));
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ExtendedHighestSequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], DelaySinceLastSenderReport);
    }
}
