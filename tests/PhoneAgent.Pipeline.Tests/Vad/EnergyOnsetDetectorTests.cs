using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Vad;

namespace PhoneAgent.Pipeline.Tests.Vad;

public class EnergyOnsetDetectorTests
{
    private const float Threshold = 0.5f;
    private const int Frame = PipelineAudio.FrameSamples;

    [Theory]
    [InlineData(0)]
    [InlineData(80)]
    [InlineData(160)]
    [InlineData(240)]
    [InlineData(319)]
    public void A_vowel_over_noise_fires_within_one_frame_of_its_onset(int offsetInFrame)
    {
        const int onsetFrame = 60;
        var audio = VadTestAudio.Mix(
            VadTestAudio.WhiteNoise(seed: 3, dbfs: -50, seconds: 2),
            VadTestAudio.Vowel(dbfs: -25, seconds: 0.5),
            onsetFrame * Frame + offsetInFrame);
        using var detector = new EnergyOnsetDetector();

        var scores = VadTestAudio.Score(detector, audio);

        var firstFiring = Array.FindIndex(scores, score => score >= Threshold);
        Assert.InRange(firstFiring, onsetFrame, onsetFrame + 1);
    }

    [Fact]
    public void Speech_out_of_digital_silence_fires_in_its_first_frame()
    {
        var audio = VadTestAudio.Mix(new short[PipelineAudio.SampleRate], VadTestAudio.Vowel(dbfs: -30, seconds: 0.3), 25 * Frame);
        using var detector = new EnergyOnsetDetector();

        var scores = VadTestAudio.Score(detector, audio);

        Assert.Equal(25, Array.FindIndex(scores, score => score >= Threshold));
    }

    [Fact]
    public void The_first_word_of_jfk_fires_within_one_frame_of_its_reference_onset()
    {
        // The Silero reference segments for jfk.wav start speech at 0.32 s, frame 16; before it are digital silence
        // and about 0.3 s of room noise, which must not fire.
        using var detector = new EnergyOnsetDetector();

        var scores = VadTestAudio.Score(detector, VadTestAudio.ReadClip("jfk.wav"));

        Assert.InRange(Array.FindIndex(scores, score => score >= Threshold), 15, 17);
    }

    [Theory]
    [InlineData(-60)]
    [InlineData(-40)]
    [InlineData(-20)]
    [InlineData(-6)]
    public void Steady_white_noise_never_fires(double dbfs)
    {
        using var detector = new EnergyOnsetDetector();

        var scores = VadTestAudio.Score(detector, VadTestAudio.WhiteNoise(seed: 11, dbfs, seconds: 3));

        Assert.True(scores.Max() < Threshold, $"White noise at {dbfs} dBFS scored up to {scores.Max():F2}.");
    }

    [Theory]
    [InlineData(50, -40)]
    [InlineData(60, -20)]
    [InlineData(50, -6)]
    public void Steady_mains_hum_never_fires(double mainsHz, double dbfs)
    {
        using var detector = new EnergyOnsetDetector();

        var scores = VadTestAudio.Score(detector, VadTestAudio.Hum(mainsHz, dbfs, seconds: 3));

        Assert.True(scores.Max() < Threshold, $"{mainsHz} Hz hum at {dbfs} dBFS scored up to {scores.Max():F2}.");
    }

    [Fact]
    public void Hum_as_loud_as_the_voice_does_not_hide_its_onset()
    {
        // Measured over the full band the vowel adds only 3 dB to the hum; the high-pass leaves the hum's upper
        // harmonics alone in the voice band, well below the vowel.
        var audio = VadTestAudio.Mix(VadTestAudio.Hum(50, dbfs: -25, seconds: 2), VadTestAudio.Vowel(dbfs: -25, seconds: 0.5), 60 * Frame);
        using var detector = new EnergyOnsetDetector();

        var scores = VadTestAudio.Score(detector, audio);

        Assert.Equal(60, Array.FindIndex(scores, score => score >= Threshold));
    }

    [Fact]
    public void Clicks_never_fire()
    {
        // 2 ms full-scale clicks every 117 ms over quiet noise, landing at every position within a frame.
        var audio = VadTestAudio.WhiteNoise(seed: 5, dbfs: -55, seconds: 3);
        for (var at = 8000; at + 32 < audio.Length; at += 1877)
        {
            for (var i = 0; i < 32; i++)
            {
                audio[at + i] = (short)(i % 2 == 0 ? 30000 : -30000);
            }
        }

        using var detector = new EnergyOnsetDetector();

        var scores = VadTestAudio.Score(detector, audio);

        Assert.True(scores.Max() < Threshold, $"A click scored {scores.Max():F2}.");
    }

    [Fact]
    public void Reset_forgets_the_noise_floor()
    {
        // After a second of loud noise the floor sits at -10 dBFS, where a -30 dBFS vowel does not stand out; a new
        // call must not inherit that.
        var speechOutOfSilence = VadTestAudio.Mix(new short[PipelineAudio.SampleRate], VadTestAudio.Vowel(dbfs: -30, seconds: 0.3), 25 * Frame);
        using var detector = new EnergyOnsetDetector();
        VadTestAudio.Score(detector, VadTestAudio.WhiteNoise(seed: 9, dbfs: -10, seconds: 1));

        detector.Reset();

        Assert.Equal(25, Array.FindIndex(VadTestAudio.Score(detector, speechOutOfSilence), score => score >= Threshold));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(319)]
    [InlineData(321)]
    [InlineData(640)]
    public void A_frame_of_the_wrong_length_is_rejected(int length)
    {
        using var detector = new EnergyOnsetDetector();

        var error = Assert.Throws<ArgumentException>(() => detector.Process(new short[length]));

        Assert.Equal("frame", error.ParamName);
        Assert.Contains("320", error.Message);
    }

    [Fact]
    public void Disposing_twice_is_safe_and_later_use_is_refused()
    {
        var detector = new EnergyOnsetDetector();
        detector.Dispose();
        detector.Dispose();

        Assert.Throws<ObjectDisposedException>(() => detector.Process(new short[Frame]));
    }
}
