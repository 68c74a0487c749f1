using System.Globalization;
using System.Text;

namespace PhoneAgent.Host.Metrics;

/// <summary>
/// The escaping and number rules of the Prometheus text exposition format 0.0.4
/// (https://prometheus.io/docs/instrumenting/exposition_formats/#text-format-details).
/// </summary>
public static class PrometheusText
{
    /// <summary>The Content-Type of a scrape response.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>A metric or label name: characters outside [a-zA-Z0-9_:] become '_', and a leading digit gets a '_' before it.</summary>
    public static string Name(string name, bool allowColon = true)
    {
        var text = new StringBuilder(name.Length + 1);
        if (name.Length == 0 || char.IsAsciiDigit(name[0])) text.Append('_');
        foreach (var c in name) text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        return text.ToString();
    }

    /// <summary>HELP text: backslash and line feed are escaped.</summary>
    public static string Help(string help) => help.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>A label value: backslash, double quote and line feed are escaped.</summary>
    public static string LabelValue(string value) =>
        value.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>A sample value as Go's ParseFloat reads it: +Inf, -Inf, NaN or a round-trippable decimal.</summary>
    public static string Value(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
