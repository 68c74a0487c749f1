namespace PhoneAgent.Sip.Parsing;

/// <summary>
/// The one way malformed SIP is reported (cf. Kestrel's RequestRejectionReason). Every value maps to a
/// reason phrase for a 400 response, so a peer learns what we disliked (RFC 3261 §21.4.1 allows any phrase).
/// </summary>
public enum SipParseError
{
    /// <summary>No error.</summary>
    None = 0,
    /// <summary>Request-Line or Status-Line is not of the RFC 3261 §7.1/§7.2 form.</summary>
    InvalidStartLine,
    /// <summary>SIP-Version other than SIP/2.0 (RFC 3261 §8.2.2 wants 505 for requests).</summary>
    UnsupportedVersion,
    /// <summary>Method token contains characters outside RFC 3261 §25.1 token.</summary>
    InvalidMethod,
    /// <summary>Request-URI could not be parsed (RFC 3261 §19.1).</summary>
    InvalidRequestUri,
    /// <summary>Status code is not three digits 100-699 (RFC 3261 §7.2).</summary>
    InvalidStatusCode,
    /// <summary>A header line has no colon or an invalid header name.</summary>
    InvalidHeaderLine,
    /// <summary>The header block ended without the empty line that terminates it.</summary>
    UnterminatedHeaders,
    /// <summary>A mandatory header (RFC 3261 §8.1.1: To, From, CSeq, Call-ID, Max-Forwards, Via) is missing.</summary>
    MissingRequiredHeader,
    /// <summary>A header that may appear once (To, From, CSeq, Call-ID, Content-Length, Max-Forwards) appears more than once.</summary>
    DuplicateHeader,
    /// <summary>Via header value is malformed (RFC 3261 §20.42).</summary>
    InvalidVia,
    /// <summary>From or To header is malformed (RFC 3261 §20.20, §20.39).</summary>
    InvalidFromOrTo,
    /// <summary>Contact, Route or Record-Route value is malformed.</summary>
    InvalidAddress,
    /// <summary>CSeq is malformed or its number is out of range (RFC 3261 §8.1.1.5: less than 2**31).</summary>
    InvalidCSeq,
    /// <summary>The CSeq method differs from the request method (RFC 3261 §8.1.1.5).</summary>
    CSeqMethodMismatch,
    /// <summary>Max-Forwards is not a number 0-255 (RFC 3261 §20.22).</summary>
    InvalidMaxForwards,
    /// <summary>Content-Length is not a non-negative decimal number.</summary>
    InvalidContentLength,
    /// <summary>The datagram holds fewer body bytes than Content-Length announces (RFC 3261 §18.3).</summary>
    BodyShorterThanContentLength,
    /// <summary>A numeric header other than Content-Length, CSeq or Max-Forwards is malformed (e.g. Expires).</summary>
    InvalidNumericHeader,
    /// <summary>The message exceeds the configured maximum size.</summary>
    MessageTooLarge,
    /// <summary>The input holds no SIP message at all.</summary>
    Empty,
    /// <summary>
    /// The Date header is not an RFC 3261 §20.17 SIP-date (rfc1123-date in GMT). Reported only when nothing else is
    /// wrong, so a UAS that does not use Date may serve the message anyway, as RFC 4475 §3.1.2.12 allows.
    /// </summary>
    InvalidDate,
}
