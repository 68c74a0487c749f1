using System.Globalization;

namespace PhoneAgent.ConversationBench;

/// <summary>Nearest-rank percentiles, formatted for the tables.</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="p"/>-th percentile (0–100) of <paramref name="values"/>, or NaN when there are none.</summary>
    public static double Of(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Milliseconds with no decimals, or "–" for NaN.</summary>
    public static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString("F0", CultureInfo.InvariantCulture);

    /// <summary>Milliseconds with two decimals, or "–" for NaN.</summary>
    public static string Ms2(double value) => double.IsNaN(value) ? "–" : value.ToString("F2", CultureInfo.InvariantCulture);
}
