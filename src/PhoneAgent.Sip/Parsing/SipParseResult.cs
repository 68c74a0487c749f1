namespace PhoneAgent.Sip.Parsing;

/// <summary>
/// Outcome of parsing one message. <see cref="Message"/> is set whenever the start line and header block
/// could be framed, even if <see cref="Error"/> then reports a problem (e.g. a missing mandatory header),
/// so that the receiver can still answer 400 when Via, CSeq and Call-ID parsed (RFC 3261 §8.2; JsSIP #125).
/// </summary>
public readonly record struct SipParseResult(SipMessage? Message, SipParseError Error)
{
    /// <summary>True when a message was parsed and passed validation.</summary>
    public bool IsValid => Error == SipParseError.None && Message is not null;
}
