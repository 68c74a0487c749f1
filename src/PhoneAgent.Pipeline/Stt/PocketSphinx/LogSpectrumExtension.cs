using System.Globalization;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// Feature-domain bandwidth extension: replaces the log energies of the mel filters above the telephone band, which
/// G.711 audio leaves empty, by a linear estimate from the log energies of the filters inside it, frame by frame, and
/// optionally adds a constant per filter to the result.
/// </summary>
/// <remarks>
/// The coefficients are a least-squares fit on synthetic wideband speech (flite's four 16 kHz voices and eSpeak NG)
/// against the same speech through the G.711 path, made by bench/PhoneAgent.NarrowbandCalibration and shipped as the
/// embedded resource narrowband-extension.txt; the recorded test clips play no part in them. Immutable and
/// stateless, so one instance serves every stream.
/// </remarks>
internal sealed class LogSpectrumExtension
{
    private const string ResourceName = "PhoneAgent.Pipeline.Stt.PocketSphinx.narrowband-extension.txt";

    private readonly int _inputFirst;
    private readonly int _inputCount;
    private readonly int[] _targets;
    private readonly float[] _weights;
    private readonly float[]? _offset;

    /// <summary>Creates an extension from explicit coefficients.</summary>
    /// <param name="filters">The mel filter count the coefficients were fitted for.</param>
    /// <param name="inputFirst">The first filter used as input.</param>
    /// <param name="inputCount">How many consecutive filters are inputs.</param>
    /// <param name="targets">The filters that are replaced.</param>
    /// <param name="weights">Per target: a bias, then one weight per input filter.</param>
    /// <param name="offset">Per filter: a constant added after the estimate, or null for none.</param>
    /// <exception cref="ArgumentException">The filters, targets, weights and offset do not fit together.</exception>
    public LogSpectrumExtension(int filters, int inputFirst, int inputCount, int[] targets, float[] weights, float[]? offset = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegative(inputFirst);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inputFirst + inputCount, filters, nameof(inputCount));
        if (targets.Any(t => t < 0 || t >= filters)) throw new ArgumentOutOfRangeException(nameof(targets), "A target filter lies outside the filterbank");
        var expected = targets.Length * (1 + inputCount);
        if (weights.Length != expected) throw new ArgumentException($"Expected {expected} weights, got {weights.Length}", nameof(weights));
        if (offset is not null && offset.Length != filters) throw new ArgumentException($"Expected {filters} offsets, got {offset.Length}", nameof(offset));
        Filters = filters;
        _inputFirst = inputFirst;
        _inputCount = inputCount;
        _targets = targets;
        _weights = weights;
        _offset = offset;
    }

    /// <summary>The mel filter count the coefficients were fitted for.</summary>
    public int Filters { get; }

    /// <summary>The shipped coefficients, for the en-us model's 25 filters.</summary>
    public static LogSpectrumExtension Default { get; } = LoadDefault();

    /// <summary>
    /// Parses the coefficient file: <c>#</c> comment lines, <c>filters N</c>, <c>inputs FIRST COUNT</c>, one
    /// <c>target FILTER BIAS W…</c> line per replaced filter and optionally <c>offset O…</c>, one constant per filter.
    /// </summary>
    /// <exception cref="FormatException">A line is not of that form.</exception>
    public static LogSpectrumExtension Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int filters = 0, inputFirst = 0, inputCount = 0;
        var targets = new List<int>();
        var weights = new List<float>();
        float[]? offset = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (fields[0])
            {
                case "filters":
                    filters = Integer(fields, 1);
                    break;
                case "inputs":
                    inputFirst = Integer(fields, 1);
                    inputCount = Integer(fields, 2);
                    break;
                case "target":
                    targets.Add(Integer(fields, 1));
                    weights.AddRange(fields.Skip(2).Select(Real));
                    break;
                case "offset":
                    offset = [.. fields.Skip(1).Select(Real)];
                    break;
                default:
                    throw new FormatException($"Unknown line in the band-extension coefficients: {line}");
            }
        }

        try
        {
            return new LogSpectrumExtension(filters, inputFirst, inputCount, [.. targets], [.. weights], offset);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"The band-extension coefficients do not fit together: {ex.Message}", ex);
        }
    }

    /// <summary>Replaces the target filters of <paramref name="spectrum"/> (one frame's log mel spectrum) in place.</summary>
    /// <exception cref="ArgumentException">The spectrum has another number of filters.</exception>
    public void Apply(Span<float> spectrum)
    {
        if (spectrum.Length != Filters) throw new ArgumentException($"The spectrum has {spectrum.Length} filters, the coefficients {Filters}", nameof(spectrum));

        // Every estimate reads the inputs before any target is written, so a target inside the input range would
        // still see the measured value; the shipped coefficients keep them apart anyway.
        Span<float> inputs = stackalloc float[_inputCount];
        spectrum.Slice(_inputFirst, _inputCount).CopyTo(inputs);
        var stride = 1 + _inputCount;
        for (var t = 0; t < _targets.Length; t++)
        {
            var row = _weights.AsSpan(t * stride, stride);
            var sum = row[0];
            for (var i = 0; i < inputs.Length; i++) sum += row[1 + i] * inputs[i];
            spectrum[_targets[t]] = sum;
        }

        // The offset moves the extended narrowband spectrum's mean onto the wideband one's, so a decoder's first
        // utterance starts near the model's -cmninit, which was estimated on wideband speech. The live CMN's running mean
        // absorbs a constant over the first several seconds of speech (-cmninit weighs as 500 frames), so only a
        // decoder's first utterance depends on it.
        if (_offset is not null) for (var j = 0; j < spectrum.Length; j++) spectrum[j] += _offset[j];
    }

    private static LogSpectrumExtension LoadDefault()
    {
        using var stream = typeof(LogSpectrumExtension).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private static int Integer(string[] fields, int index) =>
        index < fields.Length ? int.Parse(fields[index], CultureInfo.InvariantCulture) : throw new FormatException($"Missing value in the band-extension line: {string.Join(' ', fields)}");

    private static float Real(string field) => float.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
}
