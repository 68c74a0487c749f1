namespace PhoneAgent.Sip.Calls;

/// <summary>Why <see cref="SipUserAgent.DialAsync"/> produced no call.</summary>
public enum DialFailure
{
    /// <summary>The far end (or a proxy) answered with a 3xx-6xx final response; see <see cref="SipDialException.StatusCode"/>.</summary>
    Rejected,
    /// <summary>A challenge could not be answered: no credentials, or the credentials were refused.</summary>
    AuthenticationFailed,
    /// <summary>Nothing answered the INVITE within 64*T1 (RFC 3261 §17.1.1.2 Timer B).</summary>
    Timeout,
    /// <summary>The INVITE could not be sent (RFC 3261 §17.1.4), or the target did not resolve.</summary>
    Transport,
    /// <summary>It rang for longer than <see cref="DialOptions.AnswerTimeout"/>; we cancelled.</summary>
    NoAnswer,
    /// <summary>The 2xx carried no SDP answer we can use (RFC 3264 §6); we hung up at once.</summary>
    MediaNegotiation,
    /// <summary>No RTP port pair was free, or the user agent is shutting down.</summary>
    LocalResources,
}
