using System.Buffers.Binary;

namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// A sender report or receiver report (RFC 3550 §6.4.1, §6.4.2), viewed in place. Both carry the reporter's SSRC
/// and up to 31 report blocks; an SR adds <see cref="SenderInfo"/> between them.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|    RC   |   PT=SR=200   |             length            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         SSRC of sender                        |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |            sender info, 20 bytes (SR only)                    |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |            report block 1, 24 bytes                           |
/// |            ... RC blocks                                      |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |                  profile-specific extensions                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly ref struct RtcpReport
{
    private readonly ReadOnlySpan<byte> _blocks;

    private RtcpReport(uint ssrc, bool isSenderReport, RtcpSenderInfo senderInfo, ReadOnlySpan<byte> blocks)
    {
        Ssrc = ssrc;
        IsSenderReport = isSenderReport;
        SenderInfo = senderInfo;
        _blocks = blocks;
    }

    /// <summary>The SSRC of the participant that sent the report.</summary>
    public uint Ssrc { get; }

    /// <summary>True for an SR, false for an RR.</summary>
    public bool IsSenderReport { get; }

    /// <summary>The sender information of an SR; default for an RR.</summary>
    public RtcpSenderInfo SenderInfo { get; }

    /// <summary>The number of report blocks.</summary>
    public int ReportCount => _blocks.Length / RtcpReportBlock.Size;

    /// <summary>Returns the report block at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="ReportCount"/>.</exception>
    public RtcpReportBlock GetReportBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ReportCount);
        return RtcpReportBlock.Read(_blocks.Slice(index * RtcpReportBlock.Size, RtcpReportBlock.Size));
    }

    /// <summary>
    /// Reads an SR or RR. Bytes after the report blocks are profile-specific extensions (RFC 3550 §6.4.1) and are
    /// ignored. Never throws.
    /// </summary>
    public static bool TryParse(RtcpPacket packet, out RtcpReport report, out RtcpParseFailure failure)
    {
        report = default;
        var isSenderReport = packet.Type == (byte)RtcpPacketType.SenderReport;
        if (!isSenderReport && packet.Type != (byte)RtcpPacketType.ReceiverReport)
        {
            failure = new RtcpParseFailure(RtcpParseError.WrongPacketType, 0, packet.Length);
            return false;
        }

        var body = packet.Body;
        var blocksStart = 4 + (isSenderReport ? RtcpSenderInfo.Size : 0);
        var blocksEnd = blocksStart + (packet.Count * RtcpReportBlock.Size);
        if (body.Length < blocksEnd)
        {
            failure = new RtcpParseFailure(RtcpParseError.ReportPastEnd, RtcpPacket.HeaderSize + blocksEnd, RtcpPacket.HeaderSize + body.Length);
            return false;
        }

        var senderInfo = isSenderReport ? RtcpSenderInfo.Read(body.Slice(4, RtcpSenderInfo.Size)) : default;
        report = new RtcpReport(BinaryPrimitives.ReadUInt32BigEndian(body), isSenderReport, senderInfo, body[blocksStart..blocksEnd]);
        failure = default;
        return true;
    }
}
