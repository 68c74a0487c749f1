namespace PhoneAgent.MediaLoad;

/// <summary>
/// Deviations of packet intervals from the packetisation time, in 10 µs bins up to one second (longer ones land in
/// the last bin). A histogram rather than a list keeps a 1000-call run at a fixed 800 KB. Not thread-safe: each
/// receive thread fills its own and they are merged at the end.
/// </summary>
internal sealed class JitterHistogram
{
    private const double BinMilliseconds = 0.01;
    private readonly long[] _bins = new long[100_000];

    public long Count { get; private set; }

    public double MaxMilliseconds { get; private set; }

    public void Add(double deviationMilliseconds)
    {
        var bin = (int)Math.Min(deviationMilliseconds / BinMilliseconds, _bins.Length - 1);
        _bins[bin]++;
        Count++;
        MaxMilliseconds = Math.Max(MaxMilliseconds, deviationMilliseconds);
    }

    public void Merge(JitterHistogram other)
    {
        for (var i = 0; i < _bins.Length; i++) _bins[i] += other._bins[i];
        Count += other.Count;
        MaxMilliseconds = Math.Max(MaxMilliseconds, other.MaxMilliseconds);
    }

    /// <summary>The upper edge of the bin holding the <paramref name="quantile"/> (0..1); NaN when empty.</summary>
    public double Percentile(double quantile)
    {
        if (Count == 0) return double.NaN;
        var rank = (long)Math.Ceiling(quantile * Count);
        long seen = 0;
        for (var i = 0; i < _bins.Length; i++)
        {
            seen += _bins[i];
            if (seen >= rank) return (i + 1) * BinMilliseconds;
        }

        return MaxMilliseconds;
    }
}
