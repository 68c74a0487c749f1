using System.Threading.Channels;
using PhoneAgent.Sip.Media.Codecs;
using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// The receive side's clocked half: once per packetisation interval it takes a frame from the jitter buffer,
/// decodes it (or conceals a gap, or plays silence before the stream starts), resamples to 16 kHz and cuts the
/// result into 20 ms frames for the pipeline. Runs on the media ticker, never on the socket loop (STYLE §6).
/// </summary>
internal sealed class AudioPlayout
{
    /// <summary>16 kHz samples in one pipeline frame (20 ms).</summary>
    public const int FrameSamples = PacedSender.PipelineSampleRate / 50;

    private readonly IAudioCodec _codec;
    private readonly ChannelWriter<short[]>? _output;
    private readonly int _concealSamples;
    private readonly PipelineDecoder _decoder;
    private readonly byte[] _payload;
    private readonly byte[] _nextPayload;
    private readonly short[] _pending;
    private int _pendingCount;

    /// <summary>A playout for <paramref name="codec"/> at <paramref name="ptime"/> ms, its jitter buffer on <paramref name="time"/>.</summary>
    /// <param name="codec">Decodes the payloads.</param>
    /// <param name="ptime">The packetisation time, ms.</param>
    /// <param name="time">The jitter buffer's clock.</param>
    /// <param name="output">Where each 20 ms frame goes; null in echo mode, where nothing reads them (no array per frame).</param>
    public AudioPlayout(IAudioCodec codec, int ptime, TimeProvider time, ChannelWriter<short[]>? output)
    {
        _codec = codec;
        _output = output;
        _concealSamples = codec.SamplesPerFrame(ptime);
        _decoder = new PipelineDecoder(codec);
        var options = JitterBufferOptions.ForPtime(ptime, codec.ClockRate);
        Jitter = new AdaptiveJitterBuffer(options, time);
        _payload = new byte[options.MaxPayloadSize];
        _nextPayload = new byte[options.MaxPayloadSize];
        _pending = new short[_decoder.MaxPipelineSamples + FrameSamples];
    }

    /// <summary>The buffer the receive loop inserts voice packets into.</summary>
    public AdaptiveJitterBuffer Jitter { get; }

    /// <summary>Where each frame is also recorded, as the left channel, if anywhere.</summary>
    public StereoWavRecorder? Recorder { get; set; }

    /// <summary>Plays one interval's worth of audio out to the consumer, and to <paramref name="echo"/> if given.</summary>
    public void Tick(PacedSender? echo = null)
    {
        var frame = Jitter.Pop(_payload);
        var length = frame.Status switch
        {
            JitterBufferStatus.Frame => Decode(frame.PayloadLength),
            JitterBufferStatus.Missing => ConcealMissing(frame.SequenceNumber),
            _ => Silence(),
        };

        var pcm = _decoder.ToPipelineRate(length);
        pcm.CopyTo(_pending.AsSpan(_pendingCount));
        _pendingCount += pcm.Length;
        var offset = 0;
        while (_pendingCount - offset >= FrameSamples)
        {
            var output = _pending.AsSpan(offset, FrameSamples);
            Recorder?.WriteCaller(output);
            echo?.Enqueue(output);
            _output?.TryWrite(output.ToArray());
            offset += FrameSamples;
        }

        _pending.AsSpan(offset, _pendingCount - offset).CopyTo(_pending);
        _pendingCount -= offset;
    }

    private int Decode(int payloadLength)
    {
        // A corrupt Opus packet is a lost packet as far as the listener is concerned.
        if (_decoder.TryDecode(_payload.AsSpan(0, payloadLength), out var length)) return length;
        return _codec.Conceal(_decoder.Decoded[.._concealSamples]);
    }

    /// <summary>
    /// Conceals frame <paramref name="missing"/>, from the in-band FEC of the packet after it when that has arrived
    /// (Opus, RFC 6716 §2.1.7; other codecs ignore it) and otherwise by the codec's loss concealment.
    /// </summary>
    private int ConcealMissing(ushort missing)
    {
        var pcm = _decoder.Decoded[.._concealSamples];

        // If the frame itself is buffered, the jitter buffer inserted this gap to deepen itself: nothing was lost,
        // and the next packet's FEC would repeat audio that is still to come.
        if (Jitter.TryPeek(missing, _nextPayload, out _) || !Jitter.TryPeek((ushort)(missing + 1), _nextPayload, out var length))
        {
            return _codec.Conceal(pcm);
        }

        try
        {
            return _codec.Conceal(pcm, _nextPayload.AsSpan(0, length));
        }
        catch (OpusException)
        {
            // A corrupt next packet carries no usable redundancy; its own turn will conceal it again.
            return _codec.Conceal(pcm);
        }
    }

    private int Silence()
    {
        _decoder.Decoded[.._concealSamples].Clear();
        return _concealSamples;
    }
}
