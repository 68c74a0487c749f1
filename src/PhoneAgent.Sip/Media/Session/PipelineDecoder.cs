using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Sip.Media.Codecs;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// A codec's decoder with the buffers to bring its output to the pipeline's 16 kHz: decode (or let the owner write
/// concealment into <see cref="Decoded"/>), then <see cref="ToPipelineRate"/>. Shared by the clocked playout and the
/// barge-in arrival path, each with a codec instance of its own.
/// </summary>
internal sealed class PipelineDecoder
{
    // The longest Opus packet is 120 ms (RFC 6716 §2.1.4); at 48 kHz that is 5760 samples.
    private const int MaxDecodedSamples = 5760;

    private readonly IAudioCodec _codec;
    private readonly PcmResampler? _resampler;
    private readonly short[] _decoded = new short[MaxDecodedSamples];
    private readonly short[] _resampled;

    public PipelineDecoder(IAudioCodec codec)
    {
        _codec = codec;
        _resampler = codec.SampleRate == PacedSender.PipelineSampleRate ? null : new PcmResampler(codec.SampleRate, PacedSender.PipelineSampleRate);
        _resampled = new short[(MaxDecodedSamples * PacedSender.PipelineSampleRate / Math.Min(codec.SampleRate, PacedSender.PipelineSampleRate)) + 16];
    }

    /// <summary>The codec's output, at its own rate: <see cref="TryDecode"/> writes here, and so may concealment.</summary>
    public Span<short> Decoded => _decoded;

    /// <summary>The most 16 kHz samples one <see cref="ToPipelineRate"/> returns.</summary>
    public int MaxPipelineSamples => _resampled.Length;

    /// <summary>Decodes <paramref name="payload"/> into <see cref="Decoded"/>; false for a corrupt or oversized packet.</summary>
    public bool TryDecode(ReadOnlySpan<byte> payload, out int length)
    {
        length = 0;
        try
        {
            if (_codec.GetDecodedLength(payload) > _decoded.Length) return false;
            length = _codec.Decode(payload, _decoded);
            return true;
        }
        catch (OpusException)
        {
            return false;
        }
    }

    /// <summary>The first <paramref name="length"/> samples of <see cref="Decoded"/> at 16 kHz.</summary>
    public ReadOnlySpan<short> ToPipelineRate(int length)
    {
        ReadOnlySpan<short> pcm = _decoded.AsSpan(0, length);
        return _resampler is null ? pcm : _resampled.AsSpan(0, _resampler.Process(pcm, _resampled));
    }
}
