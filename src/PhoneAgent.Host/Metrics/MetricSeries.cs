namespace PhoneAgent.Host.Metrics;

/// <summary>One label set's state within a <see cref="MetricFamily"/>; guarded by the family's lock.</summary>
/// <param name="labels">Label names and values, sorted by name.</param>
/// <param name="bucketCount">Number of explicit histogram bounds (0 for counters and gauges).</param>
internal sealed class MetricSeries(IReadOnlyList<KeyValuePair<string, string>> labels, int bucketCount)
{
    /// <summary>Label names and values, sorted by name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; } = labels;

    /// <summary>The counter or gauge value; the histogram's sum.</summary>
    public double Value { get; set; }

    /// <summary>Histogram observations.</summary>
    public long Count { get; set; }

    /// <summary>Per-bucket (non-cumulative) observation counts; the last slot is above every bound.</summary>
    public long[] Buckets { get; } = new long[bucketCount + 1];
}
