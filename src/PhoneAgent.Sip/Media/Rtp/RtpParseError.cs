namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// Why a datagram is not a valid RTP packet (RFC 3550 §5.1, §5.3.1). A receiver drops such a datagram and counts it;
/// the reason is for metrics and rate-limited Debug logs.
/// </summary>
public enum RtpParseError
{
    /// <summary>No error: the value a <see cref="RtpParseFailure"/> carries after a successful parse.</summary>
    None,

    /// <summary>Fewer bytes than the 12-byte fixed header.</summary>
    TooShort,

    /// <summary>The version field is not 2.</summary>
    BadVersion,

    /// <summary>The CSRC count names more identifiers than the datagram holds.</summary>
    CsrcPastEnd,

    /// <summary>The X bit is set but the extension header, or the extension words its length names, run past the end.</summary>
    ExtensionPastEnd,

    /// <summary>The P bit is set and the padding count is larger than what follows the header.</summary>
    PaddingTooLong,

    /// <summary>The P bit is set but the padding count is zero, which cannot be: the count includes itself (RFC 3550 §5.1).</summary>
    PaddingCountZero,
}
