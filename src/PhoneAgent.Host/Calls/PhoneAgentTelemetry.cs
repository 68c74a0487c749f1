using System.Diagnostics;

namespace PhoneAgent.Host.Calls;

/// <summary>The host's trace source: one "call" activity per call, exported over OTLP when configured.</summary>
public static class PhoneAgentTelemetry
{
    /// <summary>Source name, for the tracer provider.</summary>
    public const string SourceName = "PhoneAgent";

    /// <summary>The activity source.</summary>
    public static ActivitySource ActivitySource { get; } = new(SourceName);
}
