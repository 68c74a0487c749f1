namespace PhoneAgent.Pipeline.Stt;

/// <summary>
/// Fills the empty 4–8 kHz band of telephone audio upsampled to 16 kHz, so a wideband acoustic model sees energy
/// where its training audio always had some.
/// </summary>
/// <remarks>
/// <para>
/// The model's mel filterbank spans 130–6800 Hz (its feat.params); with G.711 input the filters above 4 kHz see
/// only the resampler's noise floor, their log energies collapse, and every cepstral coefficient shifts away from
/// what the model was trained on. Two fills restore them:
/// </para>
/// <list type="bullet">
/// <item>Spectral folding: multiplying by (-1)^n mirrors the spectrum about 4 kHz, so the 1.2–3.5 kHz band
/// (formants and fricative onsets) appears at 4.5–6.8 kHz following the speech envelope. Because the upper band of
/// the input is empty, the mirror needs no filter: <c>y[n] = x[n] · (1 + g·(-1)^n)</c>.</item>
/// <item>A low constant noise rising towards 8 kHz, so silent frames keep a finite upper-band energy instead of
/// the log of almost nothing.</item>
/// </list>
/// <para>One instance carries one stream's state (sample parity, noise generator); it allocates nothing.</para>
/// </remarks>
public sealed class BandwidthExtender
{
    private readonly float _foldGain;
    private readonly float _noiseRms;
    private uint _noiseState = 0x9E3779B9;
    private float _previousNoise;
    private bool _odd;

    /// <summary>
    /// Creates an extender with the levels that measured best on the speech clips, by a small margin: WER 56.6 %
    /// against 57.2 % unextended; stronger folding (0.6, 1.0) or louder noise (30–100) did worse.
    /// </summary>
    public BandwidthExtender()
        : this(DefaultFoldGain, DefaultNoiseRms)
    {
    }

    /// <summary>Creates an extender with explicit levels.</summary>
    /// <param name="foldGain">The mirrored band's amplitude relative to the signal, 0 to disable folding.</param>
    /// <param name="noiseRms">The added noise's RMS in 16-bit sample units, 0 to disable the noise.</param>
    public BandwidthExtender(float foldGain, float noiseRms)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(foldGain);
        ArgumentOutOfRangeException.ThrowIfNegative(noiseRms);
        _foldGain = foldGain;
        _noiseRms = noiseRms;
    }

    /// <summary>The fold gain used by the parameterless constructor.</summary>
    public const float DefaultFoldGain = 0.3f;

    /// <summary>The noise RMS used by the parameterless constructor.</summary>
    public const float DefaultNoiseRms = 8f;

    /// <summary>Extends <paramref name="input"/> into <paramref name="output"/> (same length; they may be the same span).</summary>
    /// <exception cref="ArgumentException"><paramref name="output"/> is shorter than <paramref name="input"/>.</exception>
    public void Process(ReadOnlySpan<short> input, Span<short> output)
    {
        if (output.Length < input.Length) throw new ArgumentException($"The output holds {output.Length} samples but the input has {input.Length}", nameof(output));
        for (var i = 0; i < input.Length; i++)
        {
            var sign = _odd ? -1f : 1f;
            _odd = !_odd;
            var folded = input[i] * (1f + (sign * _foldGain));
            output[i] = (short)Math.Clamp(MathF.Round(folded + (sign * NextNoise())), short.MinValue, short.MaxValue);
        }
    }

    // Uniform white noise averaged over two samples is low-pass (zero at 8 kHz); the caller's (-1)^n turns it
    // into a high-pass band that rises to 8 kHz and stays 14 dB down at 1 kHz. Uniform noise in [-1, 1) has RMS
    // 1/sqrt(3) and the two-sample average of white noise another 1/sqrt(2), hence the scale sqrt(6).
    private float NextNoise()
    {
        if (_noiseRms == 0) return 0;
        _noiseState ^= _noiseState << 13;
        _noiseState ^= _noiseState >> 17;
        _noiseState ^= _noiseState << 5;
        var white = ((_noiseState / (float)uint.MaxValue) * 2f) - 1f;
        var band = (white + _previousNoise) * 0.5f;
        _previousNoise = white;
        return band * _noiseRms * MathF.Sqrt(6f);
    }
}
