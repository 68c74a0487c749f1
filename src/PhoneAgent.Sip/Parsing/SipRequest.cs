namespace PhoneAgent.Sip.Parsing;

/// <summary>A SIP request: Method SP Request-URI SP SIP-Version (RFC 3261 §7.1).</summary>
public sealed class SipRequest(string method, SipUri requestUri) : SipMessage
{
    /// <summary>The method, case-sensitive (RFC 3261 §7.1).</summary>
    public string Method { get; } = method;

    /// <summary>The Request-URI; a proxy or strict-router handling may replace it.</summary>
    public SipUri RequestUri { get; set; } = requestUri;

    /// <inheritdoc />
    public override string StartLine => $"{Method} {RequestUri} SIP/2.0";

    /// <summary>
    /// Also requires the CSeq method to match the request method (RFC 3261 §8.1.1.5) and a SIP Request-URI
    /// without headers (RFC 3261 §19.1.1 table: headers are not allowed in a Request-URI; escruri, RFC 4475 §3.1.2.11).
    /// </summary>
    public override SipParseError Validate()
    {
        var error = base.Validate();
        // InvalidDate stays the lowest-ranked error so that a UAS may choose to serve a message failing only that.
        if (error is not (SipParseError.None or SipParseError.InvalidDate)) return error;
        // RFC 3261 §8.1.1.5: the CSeq method MUST match the request method (ACK and CANCEL included); methods
        // are case-sensitive, so "RE%47IST%45R" is neither REGISTER nor a mismatch with itself (esc02).
        if (CSeq!.Method != Method) return SipParseError.CSeqMethodMismatch;
        return RequestUri is { IsSip: true, Headers: not null } ? SipParseError.InvalidRequestUri : error;
    }
}
