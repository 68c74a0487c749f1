namespace PhoneAgent.Sip.Media.Session;

/// <summary>Why an <see cref="RtpMediaSession"/> discarded a datagram that arrived on its RTP or RTCP socket.</summary>
public enum RtpDropReason
{
    /// <summary>Not a valid RTP packet; <see cref="MediaSessionStatistics.Malformed"/> has the parse error.</summary>
    Malformed,

    /// <summary>
    /// From an address other than the one the session latched onto (RFC 4961 symmetric RTP): a stray stream or an
    /// RTP injection attempt.
    /// </summary>
    UnexpectedSource,

    /// <summary>A payload type the SDP did not negotiate.</summary>
    UnknownPayloadType,

    /// <summary>The jitter buffer refused the voice packet (too large, or a lone packet far out of sequence).</summary>
    Rejected,

    /// <summary>An RTCP datagram that failed the validity checks of RFC 3550 Appendix A.2.</summary>
    MalformedRtcp,
}
