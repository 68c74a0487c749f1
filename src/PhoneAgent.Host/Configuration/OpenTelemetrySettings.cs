namespace PhoneAgent.Host.Configuration;

/// <summary>The "OpenTelemetry" section: optional OTLP export of metrics and traces.</summary>
public sealed class OpenTelemetrySettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "OpenTelemetry";

    /// <summary>OTLP collector URL (e.g. <c>http://127.0.0.1:4317</c>); empty disables export.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> (default, port 4317) or <c>http</c> (OTLP/HTTP protobuf, port 4318).</summary>
    public string Protocol { get; set; } = "grpc";

    /// <summary>Milliseconds between metric exports.</summary>
    public int ExportIntervalMilliseconds { get; set; } = 15000;

    /// <summary>The endpoint, or null when export is off; throws <see cref="ConfigurationException"/> naming the bad key.</summary>
    public Uri? Validate()
    {
        if (Protocol.Trim().ToLowerInvariant() is not ("grpc" or "http"))
        {
            throw new ConfigurationException($"{Section}:{nameof(Protocol)}", $"'{Protocol}' is neither 'grpc' nor 'http'");
        }

        if (ExportIntervalMilliseconds is < 100 or > 3_600_000)
        {
            throw new ConfigurationException($"{Section}:{nameof(ExportIntervalMilliseconds)}", $"{ExportIntervalMilliseconds} is outside 100-3600000");
        }

        if (string.IsNullOrWhiteSpace(Endpoint)) return null;
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ConfigurationException($"{Section}:{nameof(Endpoint)}", $"'{Endpoint}' is not an http:// or https:// URL");
        }

        return uri;
    }
}
