namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// A source description packet (RFC 3550 §6.5), viewed in place. Enumerate it with <c>foreach</c> to get every item,
/// or ask for a source's CNAME directly.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|    SC   |  PT=SDES=202  |             length            |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |                          SSRC/CSRC_1                          |  chunk 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |    CNAME=1    |     length    | user and domain name        ...
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// | ... more items ... |  0 (end) |  null padding to 32 bits      |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |                          SSRC/CSRC_2                          |  chunk 2 ...
/// </code>
/// </remarks>
public readonly ref struct RtcpSourceDescription
{
    private readonly ReadOnlySpan<byte> _body;

    private RtcpSourceDescription(ReadOnlySpan<byte> body, int chunkCount)
    {
        _body = body;
        ChunkCount = chunkCount;
    }

    /// <summary>The number of chunks, one per described source.</summary>
    public int ChunkCount { get; }

    /// <summary>Enumerates every item of every chunk.</summary>
    public RtcpSdesItemEnumerator GetEnumerator() => new(_body, ChunkCount);

    /// <summary>Finds the CNAME that describes <paramref name="ssrc"/>.</summary>
    public bool TryGetCname(uint ssrc, out ReadOnlySpan<byte> cname)
    {
        foreach (var item in this)
        {
            if (item.Ssrc == ssrc && item.Type == (byte)RtcpSdesItemType.Cname)
            {
                cname = item.Value;
                return true;
            }
        }

        cname = default;
        return false;
    }

    /// <summary>Reads an SDES packet, walking every chunk so that a malformed one is reported here. Never throws.</summary>
    public static bool TryParse(RtcpPacket packet, out RtcpSourceDescription description, out RtcpParseFailure failure)
    {
        description = default;
        if (packet.Type != (byte)RtcpPacketType.SourceDescription)
        {
            failure = new RtcpParseFailure(RtcpParseError.WrongPacketType, 0, packet.Length);
            return false;
        }

        var walker = new RtcpSdesItemEnumerator(packet.Body, packet.Count);
        while (walker.MoveNext())
        {
        }

        if (walker.NeededSize > 0)
        {
            failure = new RtcpParseFailure(RtcpParseError.SourceDescriptionPastEnd, RtcpPacket.HeaderSize + walker.NeededSize, RtcpPacket.HeaderSize + packet.Body.Length);
            return false;
        }

        description = new RtcpSourceDescription(packet.Body, packet.Count);
        failure = default;
        return true;
    }
}
