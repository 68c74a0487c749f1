using System.Globalization;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// Feature-domain bandwidth extension: replaces the log energies of the mel filters above the telephone band, which
/// G.711 audio leaves empty, by an estimate from the log energies of the filters inside it, frame by frame. The
/// estimate is a soft mixture of linear maps, as in GMM-based bandwidth extension: each component has a diagonal
/// Gaussian over the input filters and its own linear map, and a frame's estimate is the maps' outputs weighted by
/// the components' posteriors. One component is a single linear map. An optional constant per filter follows.
/// </summary>
/// <remarks>
/// The coefficients are a fit on synthetic wideband speech (flite's four 16 kHz voices and eSpeak NG) against the same
/// speech through the G.711 path, made by bench/PhoneAgent.NarrowbandCalibration and shipped as the embedded resource
/// narrowband-extension.txt; the recorded test clips play no part in them. Immutable and stateless, so one instance
/// serves every stream.
/// </remarks>
internal sealed class LogSpectrumExtension
{
    private const string ResourceName = "PhoneAgent.Pipeline.Stt.PocketSphinx.narrowband-extension.txt";

    private readonly int _inputFirst;
    private readonly int _inputCount;
    private readonly int[] _targets;
    private readonly float[] _weights;
    private readonly MixtureGates? _gates;
    private readonly float[]? _offset;

    /// <summary>Creates an extension from explicit coefficients.</summary>
    /// <param name="filters">The mel filter count the coefficients were fitted for.</param>
    /// <param name="inputFirst">The first filter used as input.</param>
    /// <param name="inputCount">How many consecutive filters are inputs.</param>
    /// <param name="targets">The filters that are replaced.</param>
    /// <param name="weights">Per component, per target: a bias, then one weight per input filter.</param>
    /// <param name="gates">The components' Gaussians, or null for a single linear map.</param>
    /// <param name="offset">Per filter: a constant added after the estimate, or null for none.</param>
    /// <exception cref="ArgumentException">The filters, targets, weights, gates and offset do not fit together.</exception>
    public LogSpectrumExtension(int filters, int inputFirst, int inputCount, int[] targets, float[] weights, MixtureGates? gates = null, float[]? offset = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegative(inputFirst);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inputFirst + inputCount, filters, nameof(inputCount));
        if (targets.Any(t => t < 0 || t >= filters)) throw new ArgumentOutOfRangeException(nameof(targets), "A target filter lies outside the filterbank");
        var components = gates?.Components ?? 1;
        if (gates is not null && gates.Inputs != inputCount) throw new ArgumentException($"The gates have {gates.Inputs} inputs, the maps {inputCount}", nameof(gates));
        var expected = components * targets.Length * (1 + inputCount);
        if (weights.Length != expected) throw new ArgumentException($"Expected {expected} weights, got {weights.Length}", nameof(weights));
        if (offset is not null && offset.Length != filters) throw new ArgumentException($"Expected {filters} offsets, got {offset.Length}", nameof(offset));
        Filters = filters;
        _inputFirst = inputFirst;
        _inputCount = inputCount;
        _targets = targets;
        _weights = weights;
        _gates = gates;
        _offset = offset;
    }

    /// <summary>The mel filter count the coefficients were fitted for.</summary>
    public int Filters { get; }

    /// <summary>How many linear maps the estimate mixes.</summary>
    public int Components => _gates?.Components ?? 1;

    /// <summary>The shipped coefficients, for the en-us model's 25 filters.</summary>
    public static LogSpectrumExtension Default { get; } = LoadDefault();

    /// <summary>
    /// Parses the coefficient file: <c>#</c> comment lines, <c>filters N</c>, <c>inputs FIRST COUNT</c>, then per
    /// component a <c>component LOGWEIGHT</c>, <c>mean M…</c> and <c>precision P…</c> line followed by one
    /// <c>target FILTER BIAS W…</c> line per replaced filter (a single linear map has its target lines alone), and
    /// optionally <c>offset O…</c>, one constant per filter.
    /// </summary>
    /// <exception cref="FormatException">A line is not of that form.</exception>
    public static LogSpectrumExtension Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int filters = 0, inputFirst = 0, inputCount = 0;
        var targets = new List<int>();
        var weights = new List<float>();
        var logWeights = new List<float>();
        var means = new List<float>();
        var precisions = new List<float>();
        var componentTargets = new List<int>();
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
                case "component":
                    if (targets.Count > 0 && logWeights.Count == 0) throw new FormatException($"Target lines before the first component: {line}");
                    EndComponent(targets, componentTargets, logWeights.Count);
                    logWeights.Add(Real(fields, 1));
                    break;
                case "mean":
                    means.AddRange(fields.Skip(1).Select(Real));
                    break;
                case "precision":
                    precisions.AddRange(fields.Skip(1).Select(Real));
                    break;
                case "offset":
                    offset = [.. fields.Skip(1).Select(Real)];
                    break;
                case "target":
                    (logWeights.Count == 0 ? targets : componentTargets).Add(Integer(fields, 1));
                    weights.AddRange(fields.Skip(2).Select(Real));
                    break;
                default:
                    throw new FormatException($"Unknown line in the band-extension coefficients: {line}");
            }
        }

        try
        {
            if (logWeights.Count == 0) return new LogSpectrumExtension(filters, inputFirst, inputCount, [.. targets], [.. weights], offset: offset);
            EndComponent(targets, componentTargets, logWeights.Count);
            var gates = new MixtureGates([.. logWeights], [.. means], [.. precisions]);
            return new LogSpectrumExtension(filters, inputFirst, inputCount, [.. targets], [.. weights], gates, offset);
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
        Span<float> posteriors = stackalloc float[Components];
        Posteriors(inputs, posteriors);

        Span<float> estimates = stackalloc float[_targets.Length];
        estimates.Clear();
        var stride = 1 + _inputCount;
        for (var k = 0; k < posteriors.Length; k++)
        {
            for (var t = 0; t < _targets.Length; t++)
            {
                var row = _weights.AsSpan(((k * _targets.Length) + t) * stride, stride);
                var sum = row[0];
                for (var i = 0; i < inputs.Length; i++) sum += row[1 + i] * inputs[i];
                estimates[t] += posteriors[k] * sum;
            }
        }

        for (var t = 0; t < _targets.Length; t++) spectrum[_targets[t]] = estimates[t];

        // The offset moves the extended narrowband spectrum's mean onto the wideband one's, so a decoder's first
        // utterance starts near the model's -cmninit, which was estimated on wideband speech. The live CMN's running mean
        // absorbs a constant over the first several seconds of speech (-cmninit weighs as 500 frames), so only a
        // decoder's first utterance depends on it.
        if (_offset is not null) for (var j = 0; j < spectrum.Length; j++) spectrum[j] += _offset[j];
    }

    /// <summary>Each component's posterior for one frame's input filters; they sum to 1.</summary>
    /// <exception cref="ArgumentException">The spans do not match the inputs and components.</exception>
    public void Posteriors(ReadOnlySpan<float> inputs, Span<float> posteriors)
    {
        if (inputs.Length != _inputCount) throw new ArgumentException($"Expected {_inputCount} inputs, got {inputs.Length}", nameof(inputs));
        if (posteriors.Length != Components) throw new ArgumentException($"Expected {Components} posteriors, got {posteriors.Length}", nameof(posteriors));
        if (_gates is null) posteriors[0] = 1;
        else _gates.Posteriors(inputs, posteriors);
    }

    private static void EndComponent(List<int> targets, List<int> componentTargets, int components)
    {
        if (components == 0) return;
        if (components == 1) targets.AddRange(componentTargets);
        else if (!componentTargets.SequenceEqual(targets)) throw new FormatException($"Component {components - 1} replaces other filters than component 0");
        componentTargets.Clear();
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

    private static float Real(string[] fields, int index) =>
        index < fields.Length ? Real(fields[index]) : throw new FormatException($"Missing value in the band-extension line: {string.Join(' ', fields)}");

    private static float Real(string field) => float.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
}
