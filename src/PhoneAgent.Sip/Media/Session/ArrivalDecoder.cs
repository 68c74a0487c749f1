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
    private readonly IAudioCodec _codec;
    private readonly ArrivingAudioHandler _handler;
    private readonly PipelineDecoder _decoder;
    private bool _started;
    private uint _ssrc;
    private ushort _last;

    /// <summary>Decodes with <paramref name="codec"/>, which it owns, and tells <paramref name="handler"/>.</summary>
    public ArrivalDecoder(IAudioCodec codec, ArrivingAudioHandler handler)
    {
        _codec = codec;
        _handler = handler;
        _decoder = new PipelineDecoder(codec);
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
        // A corrupt packet carries no onset; the playout conceals it in its turn.
        if (!_decoder.TryDecode(payload, out var length)) return false;
        _handler(_decoder.ToPipelineRate(length));
        return true;
    }

    /// <summary>Releases the decoder.</summary>
    public void Dispose() => _codec.Dispose();
}
