namespace PhoneAgent.Host.Health;

/// <summary>The result of one <see cref="IReadinessContributor"/>.</summary>
/// <param name="Ready">True when this condition holds.</param>
/// <param name="Detail">What an operator should read, e.g. "udp+tcp 127.0.0.1:5060" or "draining".</param>
public sealed record ReadinessCheck(bool Ready, string Detail);
