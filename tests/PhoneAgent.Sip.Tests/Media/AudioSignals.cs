namespace PhoneAgent.Sip.Tests.Media;

/// <summary>Test signals and measurements for the codec and resampler tests.</summary>
internal static class AudioSignals
{
    public static short[] Tone(double frequency, int sampleRate, int length, double amplitude = 16000, int delay = 0)
    {
        var samples = new short[length];
        for (var n = 0; n < length; n++)
        {
            samples[n] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * (n - delay) / sampleRate));
        }

        return samples;
    }

    /// <summary>
    /// A vowel-like signal: harmonics of a 140 Hz voice with a ±5 % pitch glide, shaped by formants near 700,
    /// 1200 and 2500 Hz and amplitude-modulated at a 4 Hz syllable rate. Speech codecs model exactly this.
    /// </summary>
    public static short[] Voice(int sampleRate, int length)
    {
        var samples = new short[length];
        var phase = new double[40];
        for (var n = 0; n < length; n++)
        {
            var t = (double)n / sampleRate;
            var f0 = 140 * (1 + (0.05 * Math.Sin(2 * Math.PI * 0.7 * t)));
            var envelope = 0.55 + (0.45 * Math.Sin(2 * Math.PI * 4 * t));
            var sum = 0.0;
            for (var h = 1; h <= phase.Length; h++)
            {
                var frequency = h * f0;
                phase[h - 1] += 2 * Math.PI * frequency / sampleRate;
                if (frequency >= sampleRate / 2.0 * 0.9) continue;
                var weight = Formant(frequency, 700, 130) + (0.6 * Formant(frequency, 1200, 160)) + (0.25 * Formant(frequency, 2500, 250));
                sum += weight * Math.Sin(phase[h - 1]) / h;
            }

            samples[n] = (short)Math.Clamp(Math.Round(9000 * envelope * sum), short.MinValue, short.MaxValue);
        }

        return samples;
    }

    /// <summary>10·log10 of the reference energy over the energy of <paramref name="actual"/> minus <paramref name="reference"/>, sample by sample.</summary>
    public static double SnrDb(ReadOnlySpan<short> reference, ReadOnlySpan<short> actual)
    {
        double signal = 0, noise = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            signal += (double)reference[i] * reference[i];
            double error = actual[i] - reference[i];
            noise += error * error;
        }

        return noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);
    }

    public static double Rms(ReadOnlySpan<short> samples)
    {
        var sum = 0.0;
        foreach (var s in samples) sum += (double)s * s;
        return Math.Sqrt(sum / samples.Length);
    }

    /// <summary>The lag in [0, <paramref name="maxLag"/>] at which <paramref name="delayed"/> best matches <paramref name="reference"/> (largest normalised correlation).</summary>
    public static int BestLag(ReadOnlySpan<short> reference, ReadOnlySpan<short> delayed, int maxLag)
    {
        var best = 0;
        var bestScore = double.MinValue;
        var length = Math.Min(reference.Length, delayed.Length - maxLag);
        for (var lag = 0; lag <= maxLag; lag++)
        {
            double cross = 0, energy = 0;
            for (var i = 0; i < length; i++)
            {
                cross += (double)reference[i] * delayed[i + lag];
                energy += (double)delayed[i + lag] * delayed[i + lag];
            }

            var score = cross / Math.Sqrt(energy + 1);
            if (score > bestScore)
            {
                bestScore = score;
                best = lag;
            }
        }

        return best;
    }

    private static double Formant(double frequency, double centre, double bandwidth)
    {
        var x = (frequency - centre) / bandwidth;
        return 1 / (1 + (x * x));
    }
}
