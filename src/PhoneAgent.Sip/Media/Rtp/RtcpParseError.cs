namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// Why a datagram is not a valid compound RTCP packet, or why one packet inside it does not have the layout its type
/// requires (RFC 3550 §6.4–§6.6, Appendix A.2). Such a datagram is dropped and counted.
/// </summary>
public enum RtcpParseError
{
    /// <summary>No error: the value a <see cref="RtcpParseFailure"/> carries after a successful parse.</summary>
    None,

    /// <summary>Fewer bytes than the 4-byte common header, or an empty datagram.</summary>
    TooShort,

    /// <summary>A packet's version field is not 2.</summary>
    BadVersion,

    /// <summary>A packet's length field runs past the end of the datagram.</summary>
    LengthPastEnd,

    /// <summary>A packet's padding count is zero or larger than the packet.</summary>
    PaddingInvalid,

    /// <summary>A packet other than the last has the P bit set; only the last may be padded (RFC 3550 Appendix A.2).</summary>
    PaddingNotLast,

    /// <summary>The compound packet does not begin with an SR or RR (RFC 3550 §6.1, Appendix A.2).</summary>
    FirstNotReport,

    /// <summary>A typed parse was asked of a packet of another type.</summary>
    WrongPacketType,

    /// <summary>An SR or RR is too short for its SSRC, sender info or the report blocks its count names.</summary>
    ReportPastEnd,

    /// <summary>An SDES chunk or item runs past the end of the packet, or a chunk's item list is not terminated.</summary>
    SourceDescriptionPastEnd,

    /// <summary>A BYE is too short for the sources its count names, or for its reason text.</summary>
    GoodbyePastEnd,
}
