using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Pipeline.Tts;

/// <summary>Brings synthesiser output to the pipeline's 16 kHz.</summary>
internal static class TtsAudio
{
    /// <summary>
    /// Resamples one complete utterance. The filter's delay is removed and its tail flushed with silence, so the
    /// result lines up with the input and lasts as long (to the sample, rounded down).
    /// </summary>
    public static short[] ResampleWhole(ReadOnlySpan<short> input, int inputRate)
    {
        if (inputRate == PipelineAudio.SampleRate) return input.ToArray();
        var resampler = new PcmResampler(inputRate, PipelineAudio.SampleRate);
        var tail = (int)(((long)(resampler.DelaySamples + 1) * inputRate / PipelineAudio.SampleRate) + 1);
        var padded = new short[input.Length + tail];
        input.CopyTo(padded);
        var output = new short[resampler.GetOutputLength(padded.Length)];
        resampler.Process(padded, output);
        var length = (int)((long)input.Length * PipelineAudio.SampleRate / inputRate);
        return output.AsSpan(resampler.DelaySamples, length).ToArray();
    }

    /// <summary>Resamples the next piece of a stream through <paramref name="resampler"/>, which keeps the filter history.</summary>
    public static short[] ResampleNext(PcmResampler resampler, ReadOnlySpan<short> input)
    {
        var output = new short[resampler.GetOutputLength(input.Length)];
        resampler.Process(input, output);
        return output;
    }
}
