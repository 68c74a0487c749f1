using System.Buffers.Binary;

namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// Builds a compound RTCP datagram (RFC 3550 §6.1) directly into a caller's buffer, so sending reports allocates
/// nothing. Each <c>TryWrite…</c> appends one packet, or returns false and writes nothing when it does not fit; the
/// matching <c>Get…Size</c> says how many bytes it needs.
/// <code>
/// var writer = new RtcpCompoundWriter(buffer);
/// if (writer.TryWriteReceiverReport(ourSsrc, blocks) &amp;&amp; writer.TryWriteSourceDescription(ourSsrc, cname))
///     send(writer.Written);
/// </code>
/// </summary>
public ref struct RtcpCompoundWriter
{
    /// <summary>The most report blocks, chunks or BYE sources one packet's five-bit count can announce.</summary>
    public const int MaxCount = 31;

    /// <summary>The longest SDES item or BYE reason: its length is one octet.</summary>
    public const int MaxTextLength = 255;

    private const int SsrcSize = 4;

    private readonly Span<byte> _destination;

    /// <summary>Starts an empty compound packet at the beginning of <paramref name="destination"/>.</summary>
    public RtcpCompoundWriter(Span<byte> destination)
    {
        _destination = destination;
    }

    /// <summary>The bytes written so far.</summary>
    public int BytesWritten { get; private set; }

    /// <summary>The compound packet written so far, ready to send.</summary>
    public readonly ReadOnlySpan<byte> Written => _destination[..BytesWritten];

    /// <summary>The size of an SR carrying <paramref name="reportCount"/> report blocks.</summary>
    public static int GetSenderReportSize(int reportCount) =>
        RtcpPacket.HeaderSize + SsrcSize + RtcpSenderInfo.Size + (CheckCount(reportCount) * RtcpReportBlock.Size);

    /// <summary>The size of an RR carrying <paramref name="reportCount"/> report blocks.</summary>
    public static int GetReceiverReportSize(int reportCount) =>
        RtcpPacket.HeaderSize + SsrcSize + (CheckCount(reportCount) * RtcpReportBlock.Size);

    /// <summary>The size of an SDES packet with one chunk holding one CNAME of <paramref name="cnameLength"/> bytes.</summary>
    public static int GetSourceDescriptionSize(int cnameLength) =>
        RtcpPacket.HeaderSize + AlignToWord(SsrcSize + 2 + CheckText(cnameLength) + 1);

    /// <summary>The size of a BYE for <paramref name="sourceCount"/> sources and a reason of <paramref name="reasonLength"/> bytes.</summary>
    public static int GetGoodbyeSize(int sourceCount, int reasonLength) =>
        RtcpPacket.HeaderSize + (CheckCount(sourceCount) * SsrcSize) + (CheckText(reasonLength) > 0 ? AlignToWord(1 + reasonLength) : 0);

    /// <summary>Appends a sender report (RFC 3550 §6.4.1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="MaxCount"/> report blocks.</exception>
    public bool TryWriteSenderReport(uint ssrc, in RtcpSenderInfo senderInfo, scoped ReadOnlySpan<RtcpReportBlock> reports)
    {
        var size = GetSenderReportSize(reports.Length);
        if (!TryStart(RtcpPacketType.SenderReport, reports.Length, size, out var packet))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(packet[RtcpPacket.HeaderSize..], ssrc);
        senderInfo.Write(packet[(RtcpPacket.HeaderSize + SsrcSize)..]);
        WriteBlocks(packet[(RtcpPacket.HeaderSize + SsrcSize + RtcpSenderInfo.Size)..], reports);
        BytesWritten += size;
        return true;
    }

    /// <summary>
    /// Appends a receiver report (RFC 3550 §6.4.2). With no blocks it still must be sent first when we have neither
    /// sent nor received anything, because a compound packet always opens with a report (§6.1).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="MaxCount"/> report blocks.</exception>
    public bool TryWriteReceiverReport(uint ssrc, scoped ReadOnlySpan<RtcpReportBlock> reports)
    {
        var size = GetReceiverReportSize(reports.Length);
        if (!TryStart(RtcpPacketType.ReceiverReport, reports.Length, size, out var packet))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(packet[RtcpPacket.HeaderSize..], ssrc);
        WriteBlocks(packet[(RtcpPacket.HeaderSize + SsrcSize)..], reports);
        BytesWritten += size;
        return true;
    }

    /// <summary>Appends an SDES packet with our CNAME, the item every compound packet must carry (RFC 3550 §6.5.1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The CNAME is longer than <see cref="MaxTextLength"/> bytes.</exception>
    /// <exception cref="InvalidOperationException">No SR or RR has been written yet.</exception>
    public bool TryWriteSourceDescription(uint ssrc, scoped ReadOnlySpan<byte> cname)
    {
        RequireReportFirst();
        var size = GetSourceDescriptionSize(cname.Length);
        if (!TryStart(RtcpPacketType.SourceDescription, 1, size, out var packet))
        {
            return false;
        }

        var offset = RtcpPacket.HeaderSize;
        BinaryPrimitives.WriteUInt32BigEndian(packet[offset..], ssrc);
        offset += SsrcSize;
        packet[offset++] = (byte)RtcpSdesItemType.Cname;
        packet[offset++] = (byte)cname.Length;
        cname.CopyTo(packet[offset..]);

        // The end-of-list null and the padding to the next word are all zero octets (§6.5).
        packet[(offset + cname.Length)..].Clear();
        BytesWritten += size;
        return true;
    }

    /// <summary>Appends a BYE for <paramref name="sources"/>, with an optional reason (RFC 3550 §6.6).</summary>
    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="MaxCount"/> sources or a reason over <see cref="MaxTextLength"/> bytes.</exception>
    /// <exception cref="InvalidOperationException">No SR or RR has been written yet.</exception>
    public bool TryWriteGoodbye(scoped ReadOnlySpan<uint> sources, scoped ReadOnlySpan<byte> reason)
    {
        RequireReportFirst();
        var size = GetGoodbyeSize(sources.Length, reason.Length);
        if (!TryStart(RtcpPacketType.Goodbye, sources.Length, size, out var packet))
        {
            return false;
        }

        var offset = RtcpPacket.HeaderSize;
        foreach (var source in sources)
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet[offset..], source);
            offset += SsrcSize;
        }

        if (!reason.IsEmpty)
        {
            packet[offset++] = (byte)reason.Length;
            reason.CopyTo(packet[offset..]);
            packet[(offset + reason.Length)..].Clear();
        }

        BytesWritten += size;
        return true;
    }

    private readonly bool TryStart(RtcpPacketType type, int count, int size, out Span<byte> packet)
    {
        if (_destination.Length - BytesWritten < size)
        {
            packet = default;
            return false;
        }

        packet = _destination.Slice(BytesWritten, size);
        packet[0] = (byte)((RtpPacket.Version << 6) | count);
        packet[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)((size / 4) - 1));
        return true;
    }

    private static void WriteBlocks(Span<byte> destination, ReadOnlySpan<RtcpReportBlock> reports)
    {
        for (var i = 0; i < reports.Length; i++)
        {
            reports[i].Write(destination.Slice(i * RtcpReportBlock.Size, RtcpReportBlock.Size));
        }
    }

    private readonly void RequireReportFirst()
    {
        if (BytesWritten == 0)
        {
            throw new InvalidOperationException("A compound RTCP packet must begin with an SR or RR (RFC 3550 §6.1).");
        }
    }

    private static int CheckCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        return count;
    }

    private static int CheckText(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxTextLength);
        return length;
    }

    private static int AlignToWord(int size) => (size + 3) & ~3;
}
