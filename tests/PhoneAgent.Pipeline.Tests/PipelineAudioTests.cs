using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Pipeline.Tests;

public class PipelineAudioTests
{
    [Theory]
    [InlineData(PipelineAudio.FrameSamples, 20)]
    [InlineData(16000, 1000)]
    [InlineData(8, 0.5)]
    public void Duration_converts_samples_at_16_kHz(long samples, double milliseconds) =>
        Assert.Equal(milliseconds, PipelineAudio.Duration(samples).TotalMilliseconds, 6);
}
