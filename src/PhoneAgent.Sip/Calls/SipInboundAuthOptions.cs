namespace PhoneAgent.Sip.Calls;

/// <summary>
/// Digest credentials that callers outside <see cref="SipUserAgentOptions.Trunks"/> must present (RFC 3261 §22.1):
/// the bot challenges their requests with 401 and takes them only with the right password.
/// </summary>
public sealed record SipInboundAuthOptions
{
    /// <summary>The one user callers authenticate as.</summary>
    public required string Username { get; init; }

    /// <summary>That user's password.</summary>
    public required string Password { get; init; }

    /// <summary>The realm of our challenges (RFC 3261 §22.1: a protection domain, usually the host name).</summary>
    public required string Realm { get; init; }
}
