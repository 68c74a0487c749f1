namespace PhoneAgent.Host.Metrics;

/// <summary>The Prometheus metric types we expose.</summary>
public enum MetricKind
{
    /// <summary>A monotonically increasing total.</summary>
    Counter,

    /// <summary>A value that goes up and down.</summary>
    Gauge,

    /// <summary>Observations counted into cumulative buckets, with their sum and count.</summary>
    Histogram,
}
