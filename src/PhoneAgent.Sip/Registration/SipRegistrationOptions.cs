using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Registration;

/// <summary>One registration of the bot's contact at a registrar (RFC 3261 §10.2).</summary>
public sealed record SipRegistrationOptions
{
    /// <summary>The registrar's URI, the REGISTER Request-URI (RFC 3261 §10.2: no user part), e.g. sip:pbx.example.org.</summary>
    public required SipUri Registrar { get; init; }

    /// <summary>The address of record we register (To and From), e.g. sip:bot@pbx.example.org.</summary>
    public required SipUri Aor { get; init; }

    /// <summary>The Digest username; null uses the AOR's user part.</summary>
    public string? AuthUser { get; init; }

    /// <summary>The Digest password; null registers without credentials (a challenge then fails the registration).</summary>
    public string? Password { get; init; }

    /// <summary>The expiry we ask for; the registrar may grant less.</summary>
    public TimeSpan Expires { get; init; } = TimeSpan.FromHours(1);

    /// <summary>An outbound proxy: requests go there with it pre-loaded as a loose Route (RFC 3261 §8.1.2).</summary>
    public SipUri? OutboundProxy { get; init; }

    /// <summary>The Contact to register instead of our own address (e.g. a public address behind NAT).</summary>
    public SipUri? Contact { get; init; }

    /// <summary>First wait after a failure; it doubles per failure (RFC 5626 §4.5 style backoff).</summary>
    public TimeSpan RetryInitial { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between failed attempts.</summary>
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A name for logs and health checks: the AOR.</summary>
    public string Name => Aor.ToString();
}
