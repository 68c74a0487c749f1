using PhoneAgent.Sip.Auth;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Calls;

/// <summary>How <see cref="SipUserAgent.DialAsync"/> places one call.</summary>
public sealed record DialOptions
{
    /// <summary>
    /// Our From (RFC 3261 §8.1.1.3), e.g. <c>"Bot" &lt;sip:bot@pbx.example.org&gt;</c>; null uses
    /// <see cref="SipUserAgentOptions.ContactUser"/> at our advertised address. A tag is added.
    /// </summary>
    public NameAddress? From { get; init; }

    /// <summary>Digest credentials for a 401/407 challenge (RFC 3261 §22.2); null fails the call on a challenge.</summary>
    public DigestCredentials? Credentials { get; init; }

    /// <summary>
    /// A proxy to send the INVITE through, pre-loaded as a loose Route (RFC 3261 §8.1.2); null uses
    /// <see cref="SipUserAgentOptions.OutboundProxy"/>, and without either the INVITE goes to the target itself.
    /// </summary>
    public SipUri? OutboundProxy { get; init; }

    /// <summary>How long to wait for an answer before cancelling (RFC 3261 §9.1); null waits as long as the far end rings.</summary>
    public TimeSpan? AnswerTimeout { get; init; }

    /// <summary>Called for each provisional response (ringing, early media) on a pool thread; must not block.</summary>
    public Action<DialProgress>? Progress { get; init; }
}
