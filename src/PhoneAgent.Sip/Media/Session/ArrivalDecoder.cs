using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Sip.Media.Codecs;
using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// Decodes caller voice packets as they arrive, ahead of the jitter buffer, and hands them to an
/// <see cref="ArrivingAudioHandler"/> at 16 kHz. It exists for barge-in: the onset of a caller talking over the bot is
/// heard the buffer's depth sooner than through the paced playout.
/// </summary>
/// <remarks>
/// It has a codec instance of its own, only its decoder used (for Opus a second libopus decoder: about as much CPU again as the playout's), because a
/// stateful decoder must see one stream in order and the playout's sees the buffer's. Only packets newer than the last
/// one are decoded; late and repeated packets are old news for onset detection, and lost ones are not concealed.
/// Runs on the receive thread of the session's RTP socket, one packet at a time.
/// </remarks>
internal sealed class ArrivalDecoder : IDisposable
{
    // The longest Opus packet is 120 ms (RFC 6716 §2.1.4); at 48 kHz that is 5760 samples.
    private const int MaxDecodedSamples = 5760;

    private readonly IAudioCodec _codec;
    private readonly ArrivingAudioHandler _handler;
    private readonly PcmResampler? _resampler;
    private readonly short[] _decoded = new short[MaxDecodedSamples];
    private readonly short[] _resampled;
    private bool _started;
    private uint _ssrc;
    private ushort _last;

    /// <summary>Decodes with <paramref name="codec"/>, which it owns, and tells <paramref name="handler"/>.</summary>
    public ArrivalDecoder(IAudioCodec codec, ArrivingAudioHandler handler)
    {
        _codec = codec;
        _handler = handler;
        _resampler = codec.SampleRate == PacedSender.PipelineSampleRate ? null : new PcmResampler(codec.SampleRate, PacedSender.PipelineSampleRate);
        _resampled = new short[(MaxDecodedSamples * PacedSender.PipelineSampleRate / Math.Min(codec.SampleRate, PacedSender.PipelineSampleRate)) + 16];
    }

    /// <summary>Who is told of each decoded packet.</summary>
    public ArrivingAudioHandler Handler => _handler;

    /// <summary>Decodes one arriving voice packet and passes it on, unless it is older than one already passed on.</summary>
    /// <returns>Whether the packet was passed on.</returns>
    public bool OnVoice(uint ssrc, ushort sequence, ReadOnlySpan<byte> payload)
    {
        // A new source (RFC 3550 §8.2: a restarted sender picks a new SSRC) starts a new sequence space.
        if (_started && ssrc == _ssrc && !RtpSequenceNumber.IsNewer(sequence, _last)) return false;
        _started = true;
        _ssrc = ssrc;
        _last = sequence;
        int length;
        try
        {
            if (_codec.GetDecodedLength(payload) > _decoded.Length) return false;
            length = _codec.Decode(payload, _decoded);
        }
        catch (OpusException)
        {
            // A corrupt packet carries no onset; the playout conceals it in its turn.
            return false;
        }

        ReadOnlySpan<short> pcm = _decoded.AsSpan(0, length);
        if (_resampler is not null) pcm = _resampled.AsSpan(0, _resampler.Process(pcm, _resampled));
        _handler(pcm);
        return true;
    }

    /// <summary>Releases the decoder.</summary>
    public void Dispose() => _codec.Dispose();
}
