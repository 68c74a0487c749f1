using System.Diagnostics.Metrics;
using System.Text;

namespace PhoneAgent.Host.Metrics;

/// <summary>
/// Everything measured for one instrument, by label set, and its rendering as one Prometheus metric family.
/// Synchronous instruments add their measurements; observable ones report totals, which replace the value.
/// </summary>
internal sealed class MetricFamily
{
    // The OpenTelemetry SDK's default explicit bounds, for histograms that give no advice.
    private static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);
    private readonly bool _replaces;
    private readonly double[] _bounds;

    private MetricFamily(Instrument instrument, MetricKind kind, double[] bounds)
    {
        Name = PrometheusText.Name(instrument.Name);
        Help = string.IsNullOrEmpty(instrument.Description) ? instrument.Name : instrument.Description;
        Kind = kind;
        _bounds = bounds;
        var definition = instrument.GetType().GetGenericTypeDefinition();
        _replaces = instrument.IsObservable || definition == typeof(Gauge<>);
    }

    /// <summary>The metric name as exposed.</summary>
    public string Name { get; }

    /// <summary>The HELP text.</summary>
    public string Help { get; }

    /// <summary>The TYPE.</summary>
    public MetricKind Kind { get; }

    /// <summary>A family for <paramref name="instrument"/>.</summary>
    public static MetricFamily For(Instrument instrument)
    {
        var definition = instrument.GetType().GetGenericTypeDefinition();
        if (definition == typeof(Histogram<>)) return new MetricFamily(instrument, MetricKind.Histogram, BoundsOf(instrument));
        var kind = definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>) ? MetricKind.Counter : MetricKind.Gauge;
        return new MetricFamily(instrument, kind, []);
    }

    private static double[] BoundsOf(Instrument instrument)
    {
        var advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
        return advised is { Length: > 0 } ? [.. advised.Order()] : DefaultBounds;
    }

    /// <summary>Records one measurement.</summary>
    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new List<KeyValuePair<string, string>>(tags.Length);
        foreach (var tag in tags) labels.Add(new(PrometheusText.Name(tag.Key, allowColon: false), Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
        labels.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var key = string.Join('\u0001', labels.Select(l => $"{l.Key}\u0002{l.Value}"));
        lock (_lock)
        {
            if (!_series.TryGetValue(key, out var series))
            {
                series = new MetricSeries(labels, Kind == MetricKind.Histogram ? _bounds.Length : 0);
                _series.Add(key, series);
            }

            if (Kind != MetricKind.Histogram)
            {
                series.Value = _replaces ? value : series.Value + value;
                return;
            }

            // Prometheus buckets are upper-inclusive (le = "less than or equal").
            var bucket = Array.FindIndex(_bounds, b => value <= b);
            series.Buckets[bucket < 0 ? _bounds.Length : bucket]++;
            series.Count++;
            series.Value += value;
        }
    }

    /// <summary>Appends the # HELP and # TYPE lines and every sample.</summary>
    public void WriteTo(StringBuilder text)
    {
        text.Append("# HELP ").Append(Name).Append(' ').Append(PrometheusText.Help(Help)).Append('\n');
        text.Append("# TYPE ").Append(Name).Append(' ').Append(Kind.ToString().ToLowerInvariant()).Append('\n');
        lock (_lock)
        {
            foreach (var series in _series.Values.OrderBy(s => string.Join(',', s.Labels.Select(l => l.Value)), StringComparer.Ordinal))
            {
                if (Kind != MetricKind.Histogram)
                {
                    Sample(text, Name, series.Labels, null, series.Value);
                    continue;
                }

                long cumulative = 0;
                for (var i = 0; i < _bounds.Length; i++)
                {
                    cumulative += series.Buckets[i];
                    Sample(text, Name + "_bucket", series.Labels, PrometheusText.Value(_bounds[i]), cumulative);
                }

                Sample(text, Name + "_bucket", series.Labels, "+Inf", series.Count);
                Sample(text, Name + "_sum", series.Labels, null, series.Value);
                Sample(text, Name + "_count", series.Labels, null, series.Count);
            }
        }
    }

    private static void Sample(StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> labels, string? le, double value)
    {
        text.Append(name);
        if (labels.Count > 0 || le is not null)
        {
            text.Append('{');
            var first = true;
            foreach (var (label, labelValue) in labels)
            {
                if (!first) text.Append(',');
                text.Append(label).Append("=\"").Append(PrometheusText.LabelValue(labelValue)).Append('"');
                first = false;
            }

            if (le is not null) text.Append(first ? string.Empty : ",").Append("le=\"").Append(le).Append('"');
            text.Append('}');
        }

        text.Append(' ').Append(PrometheusText.Value(value)).Append('\n');
    }
}
