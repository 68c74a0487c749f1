namespace PhoneAgent.Sip.Calls;

/// <summary>A provisional response to our INVITE.</summary>
/// <param name="StatusCode">The 1xx status, e.g. 180 Ringing or 183 Session Progress.</param>
/// <param name="ReasonPhrase">The reason phrase as sent.</param>
/// <param name="HasEarlyMedia">
/// True when it carried SDP (early media, RFC 3960 §2): the far end plays ringback or an announcement. Without
/// 100rel that SDP is only a preview; the 2xx's answer is the one in force (RFC 3261 §13.2.1).
/// </param>
public sealed record DialProgress(int StatusCode, string ReasonPhrase, bool HasEarlyMedia);
