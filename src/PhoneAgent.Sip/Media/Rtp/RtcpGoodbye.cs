using System.Buffers.Binary;

namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>A BYE packet (RFC 3550 §6.6), viewed in place: the sources that are leaving and an optional reason.</summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|    SC   |   PT=BYE=203  |             length            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           SSRC/CSRC                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// :                              ...                              :
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |     length    |               reason for leaving            ...  (optional)
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly ref struct RtcpGoodbye
{
    private const int SsrcSize = 4;

    private readonly ReadOnlySpan<byte> _sources;

    private RtcpGoodbye(ReadOnlySpan<byte> sources, ReadOnlySpan<byte> reason)
    {
        _sources = sources;
        Reason = reason;
    }

    /// <summary>The number of sources leaving.</summary>
    public int SourceCount => _sources.Length / SsrcSize;

    /// <summary>The reason for leaving, UTF-8; empty when none was given.</summary>
    public ReadOnlySpan<byte> Reason { get; }

    /// <summary>Returns the SSRC or CSRC at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="SourceCount"/>.</exception>
    public uint GetSource(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SourceCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_sources.Slice(index * SsrcSize, SsrcSize));
    }

    /// <summary>Reads a BYE packet. Never throws.</summary>
    public static bool TryParse(RtcpPacket packet, out RtcpGoodbye goodbye, out RtcpParseFailure failure)
    {
        goodbye = default;
        if (packet.Type != (byte)RtcpPacketType.Goodbye)
        {
            failure = new RtcpParseFailure(RtcpParseError.WrongPacketType, 0, packet.Length);
            return false;
        }

        var body = packet.Body;
        var sourcesEnd = packet.Count * SsrcSize;
        if (body.Length < sourcesEnd)
        {
            failure = new RtcpParseFailure(RtcpParseError.GoodbyePastEnd, RtcpPacket.HeaderSize + sourcesEnd, RtcpPacket.HeaderSize + body.Length);
            return false;
        }

        var reason = ReadOnlySpan<byte>.Empty;
        if (body.Length > sourcesEnd)
        {
            var reasonEnd = sourcesEnd + 1 + body[sourcesEnd];
            if (body.Length < reasonEnd)
            {
                failure = new RtcpParseFailure(RtcpParseError.GoodbyePastEnd, RtcpPacket.HeaderSize + reasonEnd, RtcpPacket.HeaderSize + body.Length);
                return false;
            }

            reason = body[(sourcesEnd + 1)..reasonEnd];
        }

        goodbye = new RtcpGoodbye(body[..sourcesEnd], reason);
        failure = default;
        return true;
    }
}
