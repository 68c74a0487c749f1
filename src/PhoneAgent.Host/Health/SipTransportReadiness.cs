namespace PhoneAgent.Host.Health;

/// <summary>Ready while the SIP user agent is running with its sockets bound and the host is not draining.</summary>
public sealed class SipTransportReadiness(SipService sip, DrainState drain) : IReadinessContributor
{
    /// <inheritdoc />
    public string Name => "sip-transport";

    /// <inheritdoc />
    public ReadinessCheck Check()
    {
        if (drain.IsDraining) return new ReadinessCheck(false, "draining: shutting down, new calls get 503");
        if (sip.Agent is not { } agent) return new ReadinessCheck(false, "SIP user agent not started");
        var transports = string.Join("+", new[] { agent.Transport.Udp is null ? null : "udp", agent.Transport.Tcp is null ? null : "tcp" }.OfType<string>());
        return transports.Length == 0
            ? new ReadinessCheck(false, "no SIP transport bound")
            : new ReadinessCheck(true, $"{transports} {agent.Options.ListenAddress}:{agent.Port}");
    }
}
