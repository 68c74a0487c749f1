using System.Globalization;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// The 3000 most frequent words of Debian's full en-us language model with their probabilities (common-words.txt,
/// embedded). A script's model mixes them in so that a caller who says something the script never mentions is heard
/// as these rather than as the nearest-sounding keyword, which would answer a question nobody asked.
/// </summary>
internal static class CommonWords
{
    private const string Resource = "PhoneAgent.Pipeline.Stt.PocketSphinx.common-words.txt";

    /// <summary>Word → probability in the full model (<c>&lt;/s&gt;</c> included).</summary>
    public static IReadOnlyDictionary<string, double> Frequencies { get; } = Read();

    private static Dictionary<string, double> Read()
    {
        using var stream = typeof(CommonWords).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded in {typeof(CommonWords).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        var frequencies = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split(' ');
            frequencies[parts[1]] = Math.Pow(10, double.Parse(parts[0], CultureInfo.InvariantCulture));
        }

        return frequencies;
    }
}
