using System.Globalization;
using System.Text;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>
/// A strict reader of the Prometheus text format 0.0.4: it rejects anything the format does not allow (bad names,
/// bad escapes, a TYPE after samples, samples of one family split apart, histogram buckets that are not cumulative
/// or lack +Inf) with a message naming the line.
/// </summary>
public sealed class PrometheusTextParser
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);
    private readonly HashSet<string> _helped = new(StringComparer.Ordinal);
    private readonly HashSet<string> _closedFamilies = new(StringComparer.Ordinal);
    private readonly List<PrometheusSample> _samples = [];
    private string? _currentFamily;

    /// <summary>Every sample, in order.</summary>
    public IReadOnlyList<PrometheusSample> Samples => _samples;

    /// <summary>The declared TYPE of each family.</summary>
    public IReadOnlyDictionary<string, string> FamilyTypes => _types;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> on the first violation.</summary>
    public static PrometheusTextParser Parse(string text)
    {
        var parser = new PrometheusTextParser();
        if (text.Length > 0 && !text.EndsWith('\n')) throw new FormatException("the exposition must end with a line feed");
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length - 1; i++)
        {
            try
            {
                parser.Line(lines[i]);
            }
            catch (FormatException e)
            {
                throw new FormatException($"line {i + 1} '{lines[i]}': {e.Message}");
            }
        }

        parser.CheckHistograms();
        return parser;
    }

    /// <summary>The value of the one sample named <paramref name="name"/> with exactly <paramref name="labels"/>, or null.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels) =>
        _samples.SingleOrDefault(s => s.Name == name && s.Labels.Count == labels.Length && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value))?.Value;

    private void Line(string line)
    {
        if (line.Length == 0) return;
        if (line.StartsWith('#'))
        {
            Comment(line);
            return;
        }

        var position = 0;
        var name = ReadName(line, ref position, allowColon: true);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{') ReadLabels(line, ref position, labels);
        if (position >= line.Length || line[position] != ' ') throw new FormatException("expected a space before the value");
        var rest = line[(position + 1)..].Split(' ');
        if (rest.Length is < 1 or > 2) throw new FormatException("expected a value and an optional timestamp");
        var value = ParseValue(rest[0]);
        if (rest.Length == 2 && !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) throw new FormatException("bad timestamp");

        var family = FamilyOf(name);
        if (family != _currentFamily)
        {
            if (_currentFamily is not null) _closedFamilies.Add(_currentFamily);
            if (_closedFamilies.Contains(family)) throw new FormatException($"samples of {family} are not together");
            _currentFamily = family;
        }

        var type = _types.GetValueOrDefault(family, "untyped");
        if (type == "counter" && (value < 0 || double.IsNaN(value))) throw new FormatException("a counter cannot be negative");
        if (type == "histogram" && name == family + "_bucket" && !labels.ContainsKey("le")) throw new FormatException("a bucket needs le");
        if (type == "histogram" && name == family) throw new FormatException("a histogram has only _bucket, _sum and _count samples");
        _samples.Add(new PrometheusSample(name, labels, value));
    }

    private void Comment(string line)
    {
        var parts = line.Split(' ', 4);
        if (parts.Length < 3 || parts[0] != "#" || parts[1] is not ("HELP" or "TYPE")) return;
        var position = 0;
        var name = ReadName(parts[2], ref position, allowColon: true);
        if (position != parts[2].Length) throw new FormatException("bad metric name");
        if (_closedFamilies.Contains(name) || _currentFamily == name) throw new FormatException($"{parts[1]} after samples of {name}");
        if (parts[1] == "HELP")
        {
            if (!_helped.Add(name)) throw new FormatException($"second HELP for {name}");
            if (parts.Length == 4) Unescape(parts[3], allowQuote: false);
            return;
        }

        if (parts.Length != 4 || !Types.Contains(parts[3])) throw new FormatException("bad TYPE");
        if (!_types.TryAdd(name, parts[3])) throw new FormatException($"second TYPE for {name}");
    }

    private string FamilyOf(string name)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && _types.GetValueOrDefault(name[..^suffix.Length]) is "histogram" or "summary") return name[..^suffix.Length];
        }

        return name;
    }

    private void CheckHistograms()
    {
        foreach (var (family, _) in _types.Where(t => t.Value == "histogram"))
        {
            var bySeries = _samples.Where(s => FamilyOf(s.Name) == family)
                .GroupBy(s => string.Join(',', s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}")));
            foreach (var series in bySeries)
            {
                var buckets = series.Where(s => s.Name == family + "_bucket").Select(s => (Le: ParseValue(s.Labels["le"]), s.Value)).ToList();
                var count = series.SingleOrDefault(s => s.Name == family + "_count") ?? throw new FormatException($"{family}{{{series.Key}}} has no _count");
                _ = series.SingleOrDefault(s => s.Name == family + "_sum") ?? throw new FormatException($"{family}{{{series.Key}}} has no _sum");
                if (buckets.Count == 0 || !double.IsPositiveInfinity(buckets[^1].Le)) throw new FormatException($"{family}{{{series.Key}}} lacks the +Inf bucket last");
                for (var i = 1; i < buckets.Count; i++)
                {
                    if (buckets[i].Le <= buckets[i - 1].Le) throw new FormatException($"{family} buckets are not in increasing le order");
                    if (buckets[i].Value < buckets[i - 1].Value) throw new FormatException($"{family} buckets are not cumulative");
                }

                if (buckets[^1].Value != count.Value) throw new FormatException($"{family} +Inf bucket {buckets[^1].Value} differs from _count {count.Value}");
            }
        }
    }

    private static string ReadName(string line, ref int position, bool allowColon)
    {
        var start = position;
        while (position < line.Length && (char.IsAsciiLetter(line[position]) || line[position] == '_' || (allowColon && line[position] == ':') || (position > start && char.IsAsciiDigit(line[position])))) position++;
        if (position == start) throw new FormatException($"expected a name at column {start + 1}");
        return line[start..position];
    }

    private static void ReadLabels(string line, ref int position, Dictionary<string, string> labels)
    {
        position++;
        while (true)
        {
            if (position < line.Length && line[position] == '}')
            {
                position++;
                return;
            }

            var name = ReadName(line, ref position, allowColon: false);
            if (position + 1 >= line.Length || line[position] != '=' || line[position + 1] != '"') throw new FormatException("expected =\" after a label name");
            position += 2;
            var start = position;
            while (position < line.Length && line[position] != '"') position += line[position] == '\\' ? 2 : 1;
            if (position >= line.Length) throw new FormatException("unterminated label value");
            if (!labels.TryAdd(name, Unescape(line[start..position], allowQuote: true))) throw new FormatException($"label {name} twice");
            position++;
            if (position < line.Length && line[position] == ',') position++;
            else if (position >= line.Length || line[position] != '}') throw new FormatException("expected , or } after a label");
        }
    }

    private static string Unescape(string text, bool allowQuote)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                if (text[i] == '\n' || (allowQuote && text[i] == '"')) throw new FormatException("unescaped character");
                result.Append(text[i]);
                continue;
            }

            if (++i >= text.Length) throw new FormatException("dangling backslash");
            result.Append(text[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when allowQuote => '"',
                _ => throw new FormatException($"bad escape \\{text[i]}"),
            });
        }

        return result.ToString();
    }

    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"bad value '{text}'"),
    };
}
