using System.Globalization;
using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Integration.Tests.Media;

/// <summary>
/// Whether audio that went through a call is the speech that was sent: real speech (JFK's inaugural address,
/// shared/speech/jfk.wav) judged window by window. Its pitch and formants change from one syllable to the next, so
/// only the right lag correlates highly, and a gap or a repeat shows up at once.
/// </summary>
internal static class SpeechMatch
{
    // 50 ms windows at 16 kHz; each window's lag is searched within 25 ms of the one before.
    private const int Window = 800;
    private const int Drift = 400;

    /// <summary><paramref name="seconds"/> of jfk.wav from its first word, taken to 8 kHz as a phone would send it.</summary>
    public static short[] Narrowband(double seconds)
    {
        var (rate, clip) = SpeechClips.Read("jfk.wav");
        var start = Array.FindIndex(clip, s => Math.Abs((int)s) > 1000);
        Assert.True(start >= 0 && start + (int)(seconds * rate) <= clip.Length, "jfk.wav holds less speech than the test needs");
        return Resample(clip.AsSpan(start, (int)(seconds * rate)), rate, 8000);
    }

    /// <summary>8 kHz audio at 16 kHz, the rate the media session delivers.</summary>
    public static short[] ToWideband(short[] narrowband) => Resample(narrowband, 8000, 16000);

    /// <summary>
    /// Asserts that <paramref name="received"/> (16 kHz) holds <paramref name="reference"/> (16 kHz): at least half of
    /// the reference's windows are voiced, and nine in ten voiced windows correlate at 0.9 or better.
    /// </summary>
    public static void AssertSameSpeech(short[] received, short[] reference, string context)
    {
        var windows = WindowCorrelations(received, reference);

        // Pauses between words carry too little energy for a correlation to mean anything; judge the voiced windows.
        var voiced = windows.Where(w => w.Voiced).Select(w => w.Correlation).ToArray();
        var good = voiced.Count(c => c >= 0.9);
        Assert.True(voiced.Length >= windows.Length / 2, $"only {voiced.Length} of {windows.Length} windows hold speech");
        Assert.True(good >= 0.9 * voiced.Length,
            $"{good} of {voiced.Length} voiced windows correlate at 0.9 or better: {string.Join(' ', voiced.Select(c => c.ToString("F2", CultureInfo.InvariantCulture)))}; {context}");
    }

    private static short[] Resample(ReadOnlySpan<short> input, int from, int to)
    {
        var resampler = new PcmResampler(from, to);
        var output = new short[resampler.GetOutputLength(input.Length)];
        return output[..resampler.Process(input, output)];
    }

    // The normalised cross-correlation of each window of the reference with the received audio, at the window's best
    // lag. Whole-signal correlation is not the measure: the adaptive jitter buffer may conceal one frame to grow or drop
    // one to shrink at any point, which shifts everything after it by 20 ms; so each window's lag is searched near the
    // one before, starting where the signal starts, and an adjustment costs at most one window.
    private static (double Correlation, bool Voiced)[] WindowCorrelations(short[] received, short[] reference)
    {
        var onset = Array.FindIndex(received, s => Math.Abs((int)s) > 1000);
        Assert.True(onset >= 0, $"no audio among {received.Length} received samples");
        var lag = onset - Array.FindIndex(reference, s => Math.Abs((int)s) > 1000);
        var loud = Rms(reference) / 4;
        var correlations = new (double, bool)[reference.Length / Window];
        for (var w = 0; w < correlations.Length; w++)
        {
            var start = w * Window;
            var target = reference.AsSpan(start, Window);
            var best = (Correlation: 0.0, Lag: lag);
            for (var candidate = Math.Max(0, lag - Drift); candidate <= Math.Min(lag + Drift, received.Length - start - Window); candidate++)
            {
                var correlation = Correlation(received.AsSpan(candidate + start, Window), target);
                if (correlation > best.Correlation) best = (correlation, candidate);
            }

            correlations[w] = (best.Correlation, Rms(target) >= loud);
            lag = best.Lag;
        }

        return correlations;
    }

    private static double Rms(ReadOnlySpan<short> samples)
    {
        double energy = 0;
        foreach (var s in samples) energy += (double)s * s;
        return Math.Sqrt(energy / samples.Length);
    }

    private static double Correlation(ReadOnlySpan<short> a, ReadOnlySpan<short> b)
    {
        double dot = 0, energyA = 0, energyB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            energyA += (double)a[i] * a[i];
            energyB += (double)b[i] * b[i];
        }

        return energyA == 0 || energyB == 0 ? 0 : dot / Math.Sqrt(energyA * energyB);
    }
}
