using PhoneAgent.Pipeline.Stt;

namespace PhoneAgent.Pipeline.Tests.Stt;

public class BandwidthExtenderTests
{
    [Fact]
    public void Folding_mirrors_a_tone_about_4_kHz_at_the_fold_gain()
    {
        var tone = Tone(2500, 8000, amplitude: 8000);
        var output = new short[tone.Length];
        new BandwidthExtender(foldGain: 0.5f, noiseRms: 0).Process(tone, output);

        Assert.Equal(8000, Amplitude(output, 2500), 0);
        Assert.Equal(4000, Amplitude(output, 5500), 0);
        Assert.True(Amplitude(tone, 5500) < 1);
    }

    [Fact]
    public void Noise_fills_the_upper_band_of_silence_at_the_set_level()
    {
        var silence = new short[16000];
        var output = new short[silence.Length];
        new BandwidthExtender(foldGain: 0, noiseRms: 40).Process(silence, output);

        var rms = Math.Sqrt(output.Average(s => (double)s * s));
        Assert.InRange(rms, 36, 44);
        Assert.True(Energy(output, 7000, 8000) > 10 * Energy(output, 0, 1000));
    }

    [Fact]
    public void Frames_give_the_same_output_as_one_call()
    {
        var tone = Tone(1000, 4000, amplitude: 3000);
        var whole = new short[tone.Length];
        new BandwidthExtender().Process(tone, whole);

        var framed = new short[tone.Length];
        var extender = new BandwidthExtender();
        for (var offset = 0; offset < tone.Length; offset += 333)
        {
            var length = Math.Min(333, tone.Length - offset);
            extender.Process(tone.AsSpan(offset, length), framed.AsSpan(offset, length));
        }

        Assert.Equal(whole, framed);
    }

    [Fact]
    public void Rejects_a_short_output_and_negative_levels()
    {
        Assert.Throws<ArgumentException>(() => new BandwidthExtender().Process(new short[10], new short[9]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BandwidthExtender(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BandwidthExtender(0, -1));
    }

    private static short[] Tone(double frequency, int samples, double amplitude) =>
        Enumerable.Range(0, samples).Select(n => (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * n / 16000))).ToArray();

    // The amplitude of one frequency component (a single-bin DFT over the whole signal).
    private static double Amplitude(short[] signal, double frequency)
    {
        double re = 0, im = 0;
        for (var n = 0; n < signal.Length; n++)
        {
            var phase = 2 * Math.PI * frequency * n / 16000;
            re += signal[n] * Math.Cos(phase);
            im -= signal[n] * Math.Sin(phase);
        }

        return 2 * Math.Sqrt((re * re) + (im * im)) / signal.Length;
    }

    private static double Energy(short[] signal, int fromHz, int toHz)
    {
        var segment = signal[..1600];
        var total = 0.0;
        for (var f = fromHz + 50; f < toHz; f += 100) total += Math.Pow(Amplitude(segment, f), 2);
        return total;
    }
}
