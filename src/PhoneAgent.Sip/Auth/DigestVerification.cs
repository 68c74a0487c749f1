namespace PhoneAgent.Sip.Auth;

/// <summary>The outcome of checking a request's Digest credentials (<see cref="DigestServer.Verify"/>).</summary>
public enum DigestVerification
{
    /// <summary>The credentials are valid for a fresh nonce we issued.</summary>
    Valid,
    /// <summary>No credentials for our realm: challenge.</summary>
    Missing,
    /// <summary>Credentials that do not parse, or use an algorithm we did not offer: challenge again.</summary>
    Malformed,
    /// <summary>A nonce we did not issue (forged or from another instance's secret).</summary>
    BadNonce,
    /// <summary>Correct credentials for a nonce past its lifetime: challenge with stale=true (RFC 7616 §3.3).</summary>
    Stale,
    /// <summary>A user we do not know.</summary>
    UnknownUser,
    /// <summary>The response does not match the password.</summary>
    WrongPassword,
}
