using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace PhoneAgent.Host.Metrics;

/// <summary>
/// Collects one meter's instruments with a <see cref="MeterListener"/> and renders them in the Prometheus text
/// format for <c>/metrics</c>. Counters become counters, up-down counters and gauges become gauges, and
/// histograms use the bucket bounds their instrument advises.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, MetricFamily> _families = new();
    private int _disposed;

    /// <summary>Starts listening to the meter named <paramref name="meterName"/>, including instruments it already has.</summary>
    public PrometheusExporter(string meterName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name != meterName) return;
            var family = _families.GetOrAdd(instrument, MetricFamily.For);
            listener.EnableMeasurementEvents(instrument, family);
        };
        _listener.MeasurementsCompleted = (instrument, _) => _families.TryRemove(instrument, out MetricFamily? _);
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments and renders every metric family, sorted by name.</summary>
    public string Scrape()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal)) family.WriteTo(text);
        return text.ToString();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _listener.Dispose();
    }
}
