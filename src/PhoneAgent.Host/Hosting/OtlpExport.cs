using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PhoneAgent.Host.Calls;
using PhoneAgent.Host.Configuration;
using PhoneAgent.Host.Metrics;

namespace PhoneAgent.Host.Hosting;

/// <summary>
/// Optional OTLP export of the PhoneAgent meter and call traces, when OpenTelemetry:Endpoint is set. Built with
/// the SDK's own builders (no hosting integration); disposing it flushes and stops both providers.
/// </summary>
public sealed class OtlpExport : IDisposable
{
    private readonly MeterProvider _meters;
    private readonly TracerProvider _tracer;
    private int _disposed;

    /// <summary>Starts exporting to <paramref name="endpoint"/>.</summary>
    public OtlpExport(Uri endpoint, OpenTelemetrySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var protocol = settings.Protocol.Trim().Equals("http", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        var resource = ResourceBuilder.CreateDefault().AddService("phoneagent");
        _meters = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(PhoneAgentMetrics.MeterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = Signal(endpoint, protocol, "v1/metrics");
                exporter.Protocol = protocol;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = settings.ExportIntervalMilliseconds;
            })
            .Build();
        _tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(PhoneAgentTelemetry.SourceName)
            .AddOtlpExporter(exporter =>
            {
                exporter.Endpoint = Signal(endpoint, protocol, "v1/traces");
                exporter.Protocol = protocol;
            })
            .Build();
    }

    // OTLP/HTTP posts each signal to its own path under the base URL; gRPC uses the base URL as is.
    private static Uri Signal(Uri endpoint, OtlpExportProtocol protocol, string path) =>
        protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint.ToString().TrimEnd('/') + "/" + path) : endpoint;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _meters.Dispose();
        _tracer.Dispose();
    }
}
