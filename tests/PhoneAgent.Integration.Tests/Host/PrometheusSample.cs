namespace PhoneAgent.Integration.Tests.Host;

/// <summary>One sample line of a Prometheus text exposition.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
