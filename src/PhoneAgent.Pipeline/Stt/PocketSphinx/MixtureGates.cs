namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// The components of <see cref="LogSpectrumExtension"/>'s mixture: per component a log weight and a diagonal Gaussian
/// over the input filters, as a mean and a precision (inverse variance) per input. Any posterior tempering is folded
/// into the stored values by the calibration, so a frame's posteriors are a plain softmax of the scores.
/// </summary>
internal sealed class MixtureGates
{
    private readonly float[] _logWeights;
    private readonly float[] _means;
    private readonly float[] _precisions;

    /// <summary>Creates the gates.</summary>
    /// <param name="logWeights">Per component: its log weight, including the Gaussian's normalisation.</param>
    /// <param name="means">Per component, per input: the mean.</param>
    /// <param name="precisions">Per component, per input: the precision, non-negative.</param>
    /// <exception cref="ArgumentException">The arrays do not fit together.</exception>
    public MixtureGates(float[] logWeights, float[] means, float[] precisions)
    {
        ArgumentNullException.ThrowIfNull(logWeights);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(precisions);
        if (logWeights.Length == 0) throw new ArgumentException("A mixture needs at least one component", nameof(logWeights));
        if (means.Length == 0 || means.Length % logWeights.Length != 0) throw new ArgumentException($"{means.Length} means do not divide among {logWeights.Length} components", nameof(means));
        if (precisions.Length != means.Length) throw new ArgumentException($"Expected {means.Length} precisions, got {precisions.Length}", nameof(precisions));
        if (precisions.Any(p => !(p >= 0))) throw new ArgumentOutOfRangeException(nameof(precisions), "A precision is negative");
        _logWeights = logWeights;
        _means = means;
        _precisions = precisions;
        Inputs = means.Length / logWeights.Length;
    }

    /// <summary>The number of components.</summary>
    public int Components => _logWeights.Length;

    /// <summary>The number of inputs each Gaussian covers.</summary>
    public int Inputs { get; }

    /// <summary>Writes each component's posterior for <paramref name="inputs"/>; they sum to 1.</summary>
    public void Posteriors(ReadOnlySpan<float> inputs, Span<float> posteriors)
    {
        var best = float.NegativeInfinity;
        for (var k = 0; k < _logWeights.Length; k++)
        {
            var mean = _means.AsSpan(k * Inputs, Inputs);
            var precision = _precisions.AsSpan(k * Inputs, Inputs);
            var score = 0f;
            for (var i = 0; i < Inputs; i++)
            {
                var d = inputs[i] - mean[i];
                score += precision[i] * d * d;
            }

            posteriors[k] = _logWeights[k] - (0.5f * score);
            best = MathF.Max(best, posteriors[k]);
        }

        // Subtracting the best score keeps exp from overflowing; the best component's term is 1, so the sum is ≥ 1.
        var total = 0f;
        for (var k = 0; k < posteriors.Length; k++)
        {
            posteriors[k] = MathF.Exp(posteriors[k] - best);
            total += posteriors[k];
        }

        for (var k = 0; k < posteriors.Length; k++) posteriors[k] /= total;
    }
}
