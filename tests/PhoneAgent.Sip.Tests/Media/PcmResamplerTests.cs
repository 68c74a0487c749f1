using PhoneAgent.Pipeline.Audio;
using static PhoneAgent.Sip.Tests.Media.AudioSignals;

namespace PhoneAgent.Sip.Tests.Media;

public class PcmResamplerTests
{
    public static TheoryData<int, int> Conversions => new()
    {
        { 8000, 16000 },
        { 16000, 8000 },
        { 24000, 16000 },
        { 16000, 24000 },
        { 48000, 16000 },
        { 16000, 48000 },
        { 22050, 16000 },
    };

    [Fact]
    public void A_1kHz_tone_from_8_to_16_kHz_stays_60_dB_above_the_error()
    {
        var resampler = new PcmResampler(8000, 16000);
        var output = ProcessInFrames(resampler, Tone(1000, 8000, 8000), 160);

        var snr = SteadyStateSnr(output, 1000, 16000, resampler.DelaySamples);

        Assert.True(snr >= 60, $"SNR {snr:F1} dB");
    }

    [Theory]
    [MemberData(nameof(Conversions))]
    public void An_in_band_tone_keeps_60_dB_SNR_in_every_conversion(int inputRate, int outputRate)
    {
        var resampler = new PcmResampler(inputRate, outputRate);
        var output = ProcessInFrames(resampler, Tone(1000, inputRate, inputRate), inputRate / 50);

        var snr = SteadyStateSnr(output, 1000, outputRate, resampler.DelaySamples);

        Assert.True(snr >= 60, $"SNR {snr:F1} dB");
    }

    // Anything at or above the output's Nyquist frequency would alias into the band; the filter must remove it.
    // A 7 kHz tone is in band for 16 kHz output (G.722-style wideband reaches 7 kHz), so from 16 to 8 kHz is
    // where a 7 kHz tone must vanish; from 48 to 16 kHz it is the tones above 8 kHz.
    [Theory]
    [InlineData(16000, 8000, 4500)]
    [InlineData(16000, 8000, 7000)]
    [InlineData(48000, 16000, 8500)]
    [InlineData(48000, 16000, 9000)]
    [InlineData(48000, 16000, 12000)]
    [InlineData(48000, 16000, 20000)]
    [InlineData(24000, 16000, 9000)]
    [InlineData(24000, 16000, 11000)]
    [InlineData(22050, 16000, 8000)]
    [InlineData(22050, 16000, 10000)]
    public void Tones_above_the_output_Nyquist_frequency_are_attenuated_60_dB(int inputRate, int outputRate, int frequency)
    {
        var resampler = new PcmResampler(inputRate, outputRate);
        var input = Tone(frequency, inputRate, inputRate, amplitude: 30000);
        var output = ProcessInFrames(resampler, input, inputRate / 50);

        var attenuation = 20 * Math.Log10(Rms(output.AsSpan(2 * resampler.DelaySamples + 1)) / Rms(input));

        Assert.True(attenuation <= -60, $"{frequency} Hz only {attenuation:F1} dB down");
    }

    // Images of the input band above the input's Nyquist frequency must not appear in the upsampled output:
    // a 3 kHz tone at 8 kHz would image at 5 kHz, a 7 kHz tone at 16 kHz at 9, 25 and 41 kHz.
    [Theory]
    [InlineData(8000, 16000, 3000, 5000)]
    [InlineData(16000, 48000, 7000, 9000)]
    public void Upsampling_leaves_no_image_above_the_input_band(int inputRate, int outputRate, int frequency, int image)
    {
        var resampler = new PcmResampler(inputRate, outputRate);
        var output = ProcessInFrames(resampler, Tone(frequency, inputRate, inputRate), inputRate / 50);
        var steady = output.AsSpan(2 * resampler.DelaySamples + 1);

        var imageLevel = 20 * Math.Log10(Magnitude(steady, image, outputRate) / Magnitude(steady, frequency, outputRate));

        Assert.True(imageLevel <= -60, $"image at {image} Hz only {imageLevel:F1} dB down");
    }

    [Theory]
    [InlineData(48000, 16000, 300)]
    [InlineData(48000, 16000, 1000)]
    [InlineData(48000, 16000, 3400)]
    [InlineData(48000, 16000, 7000)]
    [InlineData(16000, 8000, 300)]
    [InlineData(16000, 8000, 3400)]
    [InlineData(8000, 16000, 3400)]
    [InlineData(22050, 16000, 300)]
    [InlineData(22050, 16000, 7000)]
    public void The_passband_is_flat_to_a_hundredth_of_a_dB(int inputRate, int outputRate, int frequency)
    {
        var resampler = new PcmResampler(inputRate, outputRate);
        var input = Tone(frequency, inputRate, 2 * inputRate);
        var output = ProcessInFrames(resampler, input, inputRate / 50);

        var gain = 20 * Math.Log10(Rms(output.AsSpan(2 * resampler.DelaySamples + 1)) / Rms(input));

        Assert.InRange(gain, -0.01, 0.01);
    }

    [Fact]
    public void A_round_trip_16_to_8_to_16_kHz_keeps_an_in_band_tone()
    {
        var down = new PcmResampler(16000, 8000);
        var up = new PcmResampler(8000, 16000);
        var narrow = ProcessInFrames(down, Tone(1000, 16000, 16000), 320);
        var back = ProcessInFrames(up, narrow, 160);

        var delay = (2 * down.DelaySamples) + up.DelaySamples;
        var snr = SteadyStateSnr(back, 1000, 16000, delay);

        Assert.True(snr >= 60, $"SNR {snr:F1} dB after {delay} samples of delay");
    }

    [Theory]
    [MemberData(nameof(Conversions))]
    public void Streaming_in_any_chunks_equals_one_shot_processing(int inputRate, int outputRate)
    {
        var input = Voice(inputRate, inputRate * 2);
        var oneShot = new short[input.Length * outputRate / inputRate];
        Assert.Equal(oneShot.Length, new PcmResampler(inputRate, outputRate).Process(input, oneShot));

        Assert.Equal(oneShot, ProcessInFrames(new PcmResampler(inputRate, outputRate), input, inputRate / 50));
        Assert.Equal(oneShot, ProcessInChunks(new PcmResampler(inputRate, outputRate), input, [1, 7, 13, 160, 333, 5000, 2]));
    }

    [Fact]
    public void The_float_path_matches_the_integer_path_before_rounding()
    {
        var input = Voice(48000, 4800);
        var integers = new short[1600];
        var floats = new float[1600];
        new PcmResampler(48000, 16000).Process(input, integers);
        new PcmResampler(48000, 16000).Process(Array.ConvertAll(input, s => (float)s), floats);

        for (var i = 0; i < integers.Length; i++) Assert.Equal(Math.Clamp(MathF.Round(floats[i]), short.MinValue, short.MaxValue), integers[i]);
    }

    [Fact]
    public void Output_length_accounts_for_a_partial_group_of_input()
    {
        var resampler = new PcmResampler(48000, 16000);
        var output = new short[1];

        Assert.Equal(1, resampler.GetOutputLength(1));
        Assert.Equal(1, resampler.Process(new short[1], output));
        Assert.Equal(0, resampler.GetOutputLength(2));
        Assert.Equal(0, resampler.Process(new short[2], output));
        Assert.Equal(320, resampler.GetOutputLength(960));
    }

    [Fact]
    public void A_short_output_is_rejected_without_touching_the_stream()
    {
        var input = Voice(8000, 480);
        var resampler = new PcmResampler(8000, 16000);

        Assert.Throws<ArgumentException>(() => resampler.Process(input.AsSpan(0, 160), new short[319]));

        Assert.Equal(ProcessInFrames(new PcmResampler(8000, 16000), input, 160), ProcessInFrames(resampler, input, 160));
    }

    [Fact]
    public void Reset_forgets_the_history()
    {
        var input = Voice(16000, 960);
        var resampler = new PcmResampler(16000, 8000);
        ProcessInFrames(resampler, Tone(3000, 16000, 333), 111);

        resampler.Reset();

        Assert.Equal(ProcessInFrames(new PcmResampler(16000, 8000), input, 320), ProcessInFrames(resampler, input, 320));
    }

    [Theory]
    [InlineData(16000, 16000)]
    [InlineData(44101, 16000)]
    [InlineData(0, 16000)]
    [InlineData(8000, -1)]
    public void Unsupported_rates_are_rejected(int inputRate, int outputRate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PcmResampler(inputRate, outputRate));

    private static short[] ProcessInFrames(PcmResampler resampler, short[] input, int frame)
    {
        var sizes = new int[(input.Length + frame - 1) / frame];
        Array.Fill(sizes, frame);
        return ProcessInChunks(resampler, input, sizes);
    }

    private static short[] ProcessInChunks(PcmResampler resampler, short[] input, int[] sizes)
    {
        var output = new List<short>();
        var buffer = new short[16384];
        for (int offset = 0, k = 0; offset < input.Length; k++)
        {
            var length = Math.Min(sizes[k % sizes.Length], input.Length - offset);
            var produced = resampler.Process(input.AsSpan(offset, length), buffer);
            output.AddRange(buffer.AsSpan(0, produced));
            offset += length;
        }

        return [.. output];
    }

    // Compares with the ideal tone delayed by the filter, after the filter has filled (its span is twice its delay).
    private static double SteadyStateSnr(short[] output, double frequency, int sampleRate, int delay)
    {
        var ideal = Tone(frequency, sampleRate, output.Length, delay: delay);
        var skip = (2 * delay) + 1;
        return SnrDb(ideal.AsSpan(skip), output.AsSpan(skip));
    }

    // The amplitude of one frequency component, by correlation with a complex exponential (one DFT bin).
    private static double Magnitude(ReadOnlySpan<short> samples, double frequency, int sampleRate)
    {
        double re = 0, im = 0;
        for (var n = 0; n < samples.Length; n++)
        {
            var angle = 2 * Math.PI * frequency * n / sampleRate;
            re += samples[n] * Math.Cos(angle);
            im += samples[n] * Math.Sin(angle);
        }

        return 2 * Math.Sqrt((re * re) + (im * im)) / samples.Length;
    }
}
