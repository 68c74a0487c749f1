using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Tts;

namespace PhoneAgent.Pipeline.Tests.Tts;

/// <summary>Collects synthesiser output and measures what the tests assert about it.</summary>
internal static class SpeechAudio
{
    public sealed record Result(List<short[]> Chunks, TimeSpan FirstAudio, TimeSpan Total)
    {
        public short[] Samples => [.. Chunks.SelectMany(c => c)];

        public TimeSpan Duration => PipelineAudio.Duration(Chunks.Sum(c => (long)c.Length));

        public double RealTimeFactor => Total / Duration;
    }

    public static async Task<Result> CollectAsync(ITextToSpeech tts, string text, CancellationToken cancellationToken = default)
    {
        var clock = TimeProvider.System;
        var start = clock.GetTimestamp();
        TimeSpan? first = null;
        var chunks = new List<short[]>();
        await foreach (var chunk in tts.SynthesizeAsync(text, cancellationToken))
        {
            first ??= clock.GetElapsedTime(start);
            chunks.Add(chunk);
        }

        return new Result(chunks, first ?? TimeSpan.Zero, clock.GetElapsedTime(start));
    }

    public static double Rms(ReadOnlySpan<short> samples)
    {
        var sum = 0.0;
        foreach (var s in samples) sum += (double)s * s;
        return samples.IsEmpty ? 0 : Math.Sqrt(sum / samples.Length);
    }

    /// <summary>The share of 20 ms frames louder than -40 dBFS: speech has pauses, but most of an utterance is voiced.</summary>
    public static double ActiveFraction(short[] samples)
    {
        var frames = samples.Length / PipelineAudio.FrameSamples;
        var active = 0;
        for (var f = 0; f < frames; f++)
        {
            if (Rms(samples.AsSpan(f * PipelineAudio.FrameSamples, PipelineAudio.FrameSamples)) > 328) active++;
        }

        return frames == 0 ? 0 : (double)active / frames;
    }

    public static int ClippedSamples(short[] samples) => samples.Count(s => s is short.MaxValue or short.MinValue);

    /// <summary>
    /// Asserts two renderings of one utterance are the same speech to within what varies between repeats: length
    /// within 5 %, loudness within 10 %. Two utterances interleaved or one cut short fail this.
    /// </summary>
    public static void AssertSimilarSpeech(short[] expected, short[] actual)
    {
        Assert.InRange((double)actual.Length / expected.Length, 0.95, 1.05);
        Assert.InRange(Rms(actual) / Rms(expected), 0.9, 1.1);
    }

    /// <summary>Asserts what any intelligible utterance of a short phrase looks like at 16 kHz.</summary>
    public static void AssertSpeechLike(Result result, TimeSpan shortest, TimeSpan longest)
    {
        var samples = result.Samples;
        Assert.InRange(result.Duration, shortest, longest);
        Assert.InRange(Rms(samples), 500, 12000);
        Assert.InRange(ActiveFraction(samples), 0.4, 1.0);
        Assert.True(ClippedSamples(samples) <= samples.Length / 10000, $"{ClippedSamples(samples)} clipped samples");
    }
}
