using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Stt;
using PhoneAgent.Sip.Media.Codecs;

namespace PhoneAgent.Testing.Speech;

/// <summary>Audio between the pipeline's 16 kHz and a G.711 call's 8 kHz, and what the recogniser makes of a call's audio.</summary>
public static class Telephone
{
    /// <summary>A G.711 call's sample rate.</summary>
    public const int SampleRate = 8000;

    /// <summary>Resamples a whole signal with the product's resampler.</summary>
    public static short[] Resample(short[] samples, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var resampler = new PcmResampler(from, to);
        var output = new short[resampler.GetOutputLength(samples.Length)];
        resampler.Process(samples, output);
        return output;
    }

    /// <summary>
    /// What a G.711 call delivers to the pipeline: anti-aliased to 8 kHz, μ-law encoded and decoded, back to 16 kHz as
    /// the media engine upsamples. Audio already at 8 kHz skips the downsampling.
    /// </summary>
    public static short[] ThroughG711(short[] samples, int sampleRate)
    {
        var narrow = sampleRate == SampleRate ? samples : Resample(samples, sampleRate, SampleRate);
        var codes = new byte[narrow.Length];
        MuLaw.Encode(narrow, codes);
        var decoded = new short[codes.Length];
        MuLaw.Decode(codes, decoded);
        return Resample(decoded, SampleRate, PipelineAudio.SampleRate);
    }

    /// <summary>
    /// What <paramref name="engine"/> recognises in 8 kHz call audio, brought to 16 kHz and marked narrowband as the
    /// media engine delivers a G.711 caller: the same path the bot hears its callers by.
    /// </summary>
    public static async Task<string> TranscribeAsync(ISpeechToText engine, short[] pcm8k)
    {
        var events = await Transcriber.RunAsync(engine, Resample(pcm8k, SampleRate, PipelineAudio.SampleRate), new SpeechStreamOptions(InputBandwidth.Narrowband, []));
        return events.Count == 0 ? string.Empty : events[^1].Text;
    }
}
