namespace PhoneAgent.Benchmarks;

/// <summary>Deterministic speech-band test audio, so runs are comparable.</summary>
internal static class BenchmarkSignals
{
    /// <summary>One second of a 140 Hz harmonic voice (20 harmonics, falling 6 dB per octave) at <paramref name="sampleRate"/>.</summary>
    public static short[] Voice(int sampleRate)
    {
        var samples = new short[sampleRate];
        for (var n = 0; n < samples.Length; n++)
        {
            var sum = 0.0;
            for (var h = 1; h <= 20 && h * 140 < sampleRate / 2; h++) sum += Math.Sin(2 * Math.PI * h * 140 * n / sampleRate) / h;
            samples[n] = (short)(6000 * sum);
        }

        return samples;
    }
}
