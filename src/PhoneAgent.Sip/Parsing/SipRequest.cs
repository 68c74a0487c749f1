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

    /// <summary>Also requires Max-Forwards presence to be tolerable and the CSeq method to match (RFC 3261 §8.1.1.5).</summary>
    public override SipParseError Validate()
    {
        var error = base.Validate();
        if (error != SipParseError.None) return error;
        // RFC 3261 §8.1.1.5: the CSeq method MUST match the request method (ACK and CANCEL included).
        return CSeq!.Method == Method ? SipParseError.None : SipParseError.CSeqMethodMismatch;
    }
}
