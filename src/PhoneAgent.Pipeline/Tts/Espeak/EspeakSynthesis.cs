using System.Threading.Channels;
using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Pipeline.Tts.Espeak;

/// <summary>One utterance in progress: resamples eSpeak's buffers to 16 kHz and queues them for the reader.</summary>
internal sealed class EspeakSynthesis(int inputRate, ChannelWriter<short[]> output, CancellationToken cancellationToken)
{
    private readonly PcmResampler? _resampler = inputRate == PipelineAudio.SampleRate ? null : new(inputRate, PipelineAudio.SampleRate);
    private Exception? _failure;

    /// <summary>The exception the callback caught, if any.</summary>
    public Exception? Failure => _failure;

    /// <summary>Takes one buffer; false asks eSpeak to abort.</summary>
    public bool Accept(ReadOnlySpan<short> samples)
    {
        if (cancellationToken.IsCancellationRequested) return false;
        if (samples.IsEmpty) return true;
        var chunk = _resampler is null ? samples.ToArray() : TtsAudio.ResampleNext(_resampler, samples);
        return chunk.Length == 0 || output.TryWrite(chunk);
    }

    /// <summary>Flushes the resampler's delay line with silence so the utterance's last samples come out.</summary>
    public void Finish()
    {
        if (cancellationToken.IsCancellationRequested || _resampler is null) return;
        var flush = new short[(int)(((long)(_resampler.DelaySamples + 1) * inputRate / PipelineAudio.SampleRate) + 1)];
        var chunk = TtsAudio.ResampleNext(_resampler, flush);
        if (chunk.Length > 0) output.TryWrite(chunk);
    }

    /// <summary>Records an exception thrown inside the native callback.</summary>
    public void Fail(Exception exception) => _failure ??= exception;
}
