namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// Iterates the packets of a compound RTCP datagram (RFC 3550 §6.1). Validate the whole datagram first with
/// <see cref="TryValidate"/>, as Appendix A.2 recommends, then read packets and hand each to its typed view:
/// <code>
/// if (!RtcpCompoundReader.TryValidate(datagram, out var failure)) { count and drop; return; }
/// var reader = new RtcpCompoundReader(datagram);
/// while (reader.TryRead(out var packet)) { switch ((RtcpPacketType)packet.Type) { ... } }
/// </code>
/// </summary>
public ref struct RtcpCompoundReader
{
    private ReadOnlySpan<byte> _remaining;

    /// <summary>Starts reading at the first packet of <paramref name="datagram"/>.</summary>
    public RtcpCompoundReader(ReadOnlySpan<byte> datagram)
    {
        _remaining = datagram;
    }

    /// <summary>Why reading stopped early, or a <see cref="RtcpParseError.None"/> failure when it reached the end.</summary>
    public RtcpParseFailure Failure { get; private set; }

    /// <summary>Reads the next packet. Returns false at the end of the datagram or at the first malformed packet.</summary>
    public bool TryRead(out RtcpPacket packet)
    {
        if (_remaining.IsEmpty)
        {
            packet = default;
            return false;
        }

        if (!RtcpPacket.TryParse(_remaining, out packet, out var failure))
        {
            Failure = failure;
            _remaining = default;
            return false;
        }

        _remaining = _remaining[packet.Length..];
        return true;
    }

    /// <summary>
    /// The validity checks of RFC 3550 Appendix A.2: every packet is version 2, the first is an SR or RR, only the
    /// last is padded, and the length fields add up to exactly the datagram.
    /// </summary>
    public static bool TryValidate(ReadOnlySpan<byte> datagram, out RtcpParseFailure failure)
    {
        if (datagram.IsEmpty)
        {
            failure = new RtcpParseFailure(RtcpParseError.TooShort, RtcpPacket.HeaderSize, 0);
            return false;
        }

        var first = true;
        var remaining = datagram;
        while (!remaining.IsEmpty)
        {
            if (!RtcpPacket.TryParse(remaining, out var packet, out failure))
            {
                return false;
            }

            if (first && packet.Type is not ((byte)RtcpPacketType.SenderReport or (byte)RtcpPacketType.ReceiverReport))
            {
                failure = new RtcpParseFailure(RtcpParseError.FirstNotReport, 0, datagram.Length);
                return false;
            }

            remaining = remaining[packet.Length..];
            if (packet.HasPadding && !remaining.IsEmpty)
            {
                failure = new RtcpParseFailure(RtcpParseError.PaddingNotLast, 0, datagram.Length);
                return false;
            }

            first = false;
        }

        failure = default;
        return true;
    }
}
