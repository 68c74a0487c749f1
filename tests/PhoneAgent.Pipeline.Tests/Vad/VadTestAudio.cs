using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Testing;
using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Pipeline.Tests.Vad;

/// <summary>Real clips from ../shared/speech and seeded synthetic signals, as 16 kHz PCM16.</summary>
internal static class VadTestAudio
{
    /// <summary>Reads a mono 16 kHz PCM16 WAV clip from the shared speech directory.</summary>
    public static short[] ReadClip(string name)
    {
        var (rate, samples) = WavFile.ReadMono(Path.Combine(Checkout.SpeechDirectory, name));
        Assert.Equal(PipelineAudio.SampleRate, rate);
        return samples;
    }

    /// <summary>Gaussian white noise with an RMS of <paramref name="dbfs"/>, from a fixed seed.</summary>
    public static short[] WhiteNoise(int seed, double dbfs, double seconds)
    {
        var random = new Random(seed);
        var sigma = Amplitude(dbfs);
        var samples = new short[(int)(seconds * PipelineAudio.SampleRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            // Box–Muller.
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            samples[i] = Clip(gaussian * sigma);
        }

        return samples;
    }

    /// <summary>Mains hum: <paramref name="mainsHz"/> and its first five harmonics falling off as 1/k, RMS <paramref name="dbfs"/>.</summary>
    public static short[] Hum(double mainsHz, double dbfs, double seconds)
    {
        var harmonicsRms = Math.Sqrt(Enumerable.Range(1, 6).Sum(k => 0.5 / (k * k)));
        var scale = Amplitude(dbfs) / harmonicsRms;
        var samples = new short[(int)(seconds * PipelineAudio.SampleRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / PipelineAudio.SampleRate;
            samples[i] = Clip(scale * Enumerable.Range(1, 6).Sum(k => Math.Sin(2 * Math.PI * mainsHz * k * t) / k));
        }

        return samples;
    }

    /// <summary>
    /// A sustained synthetic vowel (an /a/: 120 Hz pitch, harmonics to 3.4 kHz shaped by formants at 700, 1220 and
    /// 2600 Hz), RMS <paramref name="dbfs"/>.
    /// </summary>
    public static short[] Vowel(double dbfs, double seconds)
    {
        (double Hz, double Width)[] formants = [(700, 130), (1220, 70), (2600, 160)];
        var harmonics = Enumerable.Range(1, 3400 / 120)
            .Select(k => (Hz: 120.0 * k, Gain: formants.Sum(f => 1 / (1 + Math.Pow((120.0 * k - f.Hz) / f.Width, 2)))))
            .ToArray();
        var raw = new double[(int)(seconds * PipelineAudio.SampleRate)];
        for (var i = 0; i < raw.Length; i++)
        {
            var t = (double)i / PipelineAudio.SampleRate;
            raw[i] = harmonics.Sum(h => h.Gain * Math.Sin(2 * Math.PI * h.Hz * t));
        }

        var scale = Amplitude(dbfs) / Math.Sqrt(raw.Average(x => x * x));
        return raw.Select(x => Clip(x * scale)).ToArray();
    }

    /// <summary>Adds <paramref name="signal"/> into <paramref name="into"/> from sample <paramref name="at"/>.</summary>
    public static short[] Mix(short[] into, short[] signal, int at)
    {
        var mixed = (short[])into.Clone();
        for (var i = 0; i < signal.Length && at + i < mixed.Length; i++)
        {
            mixed[at + i] = Clip(mixed[at + i] + signal[i]);
        }

        return mixed;
    }

    /// <summary>Feeds every whole 20 ms frame to <paramref name="detector"/> and returns the scores.</summary>
    public static float[] Score(PhoneAgent.Pipeline.Vad.IVoiceActivityDetector detector, short[] samples)
    {
        var scores = new float[samples.Length / PipelineAudio.FrameSamples];
        for (var f = 0; f < scores.Length; f++)
        {
            scores[f] = detector.Process(samples.AsSpan(f * PipelineAudio.FrameSamples, PipelineAudio.FrameSamples));
        }

        return scores;
    }

    private static double Amplitude(double dbfs) => 32768 * Math.Pow(10, dbfs / 20);

    private static short Clip(double x) => (short)Math.Clamp(Math.Round(x), short.MinValue, short.MaxValue);
}
