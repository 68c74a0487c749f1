namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Why offer/answer produced no usable audio stream. When answering an INVITE or re-INVITE, any value other than
/// <see cref="None"/> means "respond 488 Not Acceptable Here" (RFC 3261 §21.4.26); after a rejected re-INVITE
/// the session keeps running as it was (RFC 3261 §14).
/// </summary>
public enum SdpNegotiationFailure
{
    /// <summary>Negotiation succeeded.</summary>
    None,

    /// <summary>The description has no enabled <c>m=audio</c> line.</summary>
    NoAudioStream,

    /// <summary>Audio is offered only over a transport we do not terminate, such as <c>RTP/SAVP</c> (SRTP).</summary>
    UnsupportedTransport,

    /// <summary>No audio stream lists any codec in our preference list.</summary>
    NoCommonCodec,

    /// <summary>The audio stream has no <c>c=</c> line at either level, or its address is a host name rather than an IP literal.</summary>
    NoConnectionAddress,

    /// <summary>The answer's <c>m=</c> lines do not line up with our offer's (RFC 3264 §6).</summary>
    AnswerDoesNotMatchOffer,

    /// <summary>The answer rejected our audio stream by setting its port to 0 (RFC 3264 §6).</summary>
    StreamRejected,
}
