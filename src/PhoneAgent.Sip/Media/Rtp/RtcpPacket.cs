using System.Buffers.Binary;

namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// One packet of a compound RTCP datagram, viewed in place: the common header every RTCP packet starts with
/// (RFC 3550 §6.4.1) and the body after it. Typed views (<see cref="RtcpReport"/>, <see cref="RtcpSourceDescription"/>,
/// <see cref="RtcpGoodbye"/>) parse the body.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|  count  |      PT       |             length            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// length = size in 32-bit words minus one, header and padding included.
/// </code>
/// </remarks>
public readonly ref struct RtcpPacket
{
    /// <summary>The size of the common header.</summary>
    public const int HeaderSize = 4;

    private RtcpPacket(byte type, int count, bool hasPadding, ReadOnlySpan<byte> body, int length)
    {
        Type = type;
        Count = count;
        HasPadding = hasPadding;
        Body = body;
        Length = length;
    }

    /// <summary>The packet type byte; compare with <see cref="RtcpPacketType"/>. Unknown types are kept, not rejected.</summary>
    public byte Type { get; }

    /// <summary>The five-bit count field: report blocks for SR/RR, chunks for SDES, sources for BYE.</summary>
    public int Count { get; }

    /// <summary>Whether the P bit is set.</summary>
    public bool HasPadding { get; }

    /// <summary>The bytes after the common header, without padding.</summary>
    public ReadOnlySpan<byte> Body { get; }

    /// <summary>The packet's total size in bytes, as its length field says.</summary>
    public int Length { get; }

    /// <summary>
    /// Parses the packet at the start of <paramref name="data"/>; its <see cref="Length"/> says where the next begins.
    /// Checks version, length and padding; never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpPacket packet, out RtcpParseFailure failure)
    {
        packet = default;
        if (data.Length < HeaderSize)
        {
            failure = new RtcpParseFailure(RtcpParseError.TooShort, HeaderSize, data.Length);
            return false;
        }

        if (data[0] >> 6 != RtpPacket.Version)
        {
            failure = new RtcpParseFailure(RtcpParseError.BadVersion, 0, data.Length);
            return false;
        }

        var length = (BinaryPrimitives.ReadUInt16BigEndian(data[2..]) + 1) * 4;
        if (data.Length < length)
        {
            failure = new RtcpParseFailure(RtcpParseError.LengthPastEnd, length, data.Length);
            return false;
        }

        var hasPadding = (data[0] & 0x20) != 0;
        var padding = 0;
        if (hasPadding)
        {
            // The last octet counts the padding including itself (RFC 3550 §6.4.1), so it is at least 1 and at most
            // what follows the common header.
            padding = data[length - 1];
            if (padding == 0 || padding > length - HeaderSize)
            {
                failure = new RtcpParseFailure(RtcpParseError.PaddingInvalid, HeaderSize + padding, length);
                return false;
            }
        }

        packet = new RtcpPacket(data[1], data[0] & 0x1F, hasPadding, data[HeaderSize..(length - padding)], length);
        failure = default;
        return true;
    }
}
