using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Vad;

namespace PhoneAgent.Pipeline.Tests.Vad;

public class HighPassFilterTests
{
    [Fact]
    public void Digital_silence_after_a_signal_settles_on_exact_zero_not_on_subnormal_numbers()
    {
        var filter = new HighPassFilter(200, PipelineAudio.SampleRate);
        for (var i = 0; i < PipelineAudio.FrameSamples; i++) filter.Next(10_000 * Math.Sin(i * 0.3));

        // Two seconds: the memory would otherwise have decayed into the subnormal range and stayed there.
        var outputs = Enumerable.Range(0, 2 * PipelineAudio.SampleRate).Select(_ => filter.Next(0)).ToArray();

        Assert.DoesNotContain(outputs, double.IsSubnormal);
        Assert.Equal(0.0, outputs[^1]);
    }

    [Fact]
    public void Passes_a_tone_above_the_cutoff_and_attenuates_mains_hum()
    {
        Assert.InRange(Gain(1000), 0.97, 1.03);
        Assert.InRange(Gain(50), 0, 0.07);
    }

    private static double Gain(double hz)
    {
        var filter = new HighPassFilter(200, PipelineAudio.SampleRate);
        double input = 0, output = 0;
        for (var i = 0; i < PipelineAudio.SampleRate; i++)
        {
            var x = 10_000 * Math.Sin(2 * Math.PI * hz * i / PipelineAudio.SampleRate);
            var y = filter.Next(x);
            if (i < PipelineAudio.SampleRate / 2) continue;
            input += x * x;
            output += y * y;
        }

        return Math.Sqrt(output / input);
    }
}
