namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// The fields of an RTP fixed header (RFC 3550 §5.1) that a sender chooses per packet and that a receiver keeps after
/// the datagram buffer has been reused: unlike <see cref="RtpPacket"/> this is an ordinary value that can be stored.
/// </summary>
public readonly record struct RtpHeader
{
    /// <summary>The largest payload type: the field is seven bits wide.</summary>
    public const byte MaxPayloadType = 127;

    /// <summary>Creates a header, rejecting a payload type that does not fit in seven bits.</summary>
    /// <param name="payloadType">The payload type (0–127), as negotiated in SDP.</param>
    /// <param name="sequenceNumber">The sequence number; increments by one per packet and wraps at 65535.</param>
    /// <param name="timestamp">The sampling instant of the first octet of the payload, in the codec's clock rate.</param>
    /// <param name="ssrc">The synchronization source identifier.</param>
    /// <param name="marker">The marker bit; for audio it marks the first packet of a talkspurt (RFC 3551 §4.1).</param>
    public RtpHeader(byte payloadType, ushort sequenceNumber, uint timestamp, uint ssrc, bool marker = false)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, MaxPayloadType);
        PayloadType = payloadType;
        SequenceNumber = sequenceNumber;
        Timestamp = timestamp;
        Ssrc = ssrc;
        Marker = marker;
    }

    /// <summary>The seven-bit payload type.</summary>
    public byte PayloadType { get; }

    /// <summary>The 16-bit sequence number.</summary>
    public ushort SequenceNumber { get; }

    /// <summary>The 32-bit RTP timestamp.</summary>
    public uint Timestamp { get; }

    /// <summary>The synchronization source identifier.</summary>
    public uint Ssrc { get; }

    /// <summary>The marker bit.</summary>
    public bool Marker { get; }
}
