namespace PhoneAgent.Sip.Parsing;

/// <summary>A SIP response: SIP-Version SP Status-Code SP Reason-Phrase (RFC 3261 §7.2).</summary>
public sealed class SipResponse(int statusCode, string reasonPhrase) : SipMessage
{
    /// <summary>Three-digit status code.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>Reason phrase (may be empty, RFC 3261 §25.1 Reason-Phrase = *(...)).</summary>
    public string ReasonPhrase { get; } = reasonPhrase;

    /// <inheritdoc />
    public override string StartLine => $"SIP/2.0 {StatusCode} {ReasonPhrase}";

    /// <summary>True for 1xx.</summary>
    public bool IsProvisional => StatusCode < 200;

    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>
    /// Builds a response to <paramref name="request"/> per RFC 3261 §8.2.6.2: Via rows, From, Call-ID and CSeq
    /// copied; To copied with <paramref name="toTag"/> added when it has none and the code is not 100.
    /// </summary>
    public static SipResponse CreateFor(SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        var response = new SipResponse(statusCode, reasonPhrase ?? SipStatus.DefaultReason(statusCode));
        response.Headers.CopyFrom(request.Headers, HeaderNames.Via);
        response.Headers.CopyFrom(request.Headers, HeaderNames.From);
        var to = request.Headers.GetFirst(HeaderNames.To);
        if (to is not null)
        {
            // §8.2.6.2: a 100 Trying MUST NOT get a tag it did not have; other responses MUST carry one.
            if (statusCode != 100 && toTag is not null && request.To is { Tag: null } parsedTo)
            {
                to = parsedTo.WithParameter("tag", toTag).ToString();
            }
            response.Headers.Add(HeaderNames.To, to);
        }
        response.Headers.CopyFrom(request.Headers, HeaderNames.CallId);
        response.Headers.CopyFrom(request.Headers, HeaderNames.CSeq);
        // RFC 3261 §8.2.6.1: echo Timestamp in 100 Trying so the client can measure round-trip time.
        if (statusCode == 100) response.Headers.CopyFrom(request.Headers, HeaderNames.Timestamp);
        return response;
    }
}
