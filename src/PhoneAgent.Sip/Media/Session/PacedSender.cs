using System.Threading.Channels;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Sip.Media.Codecs;
using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// The send side of a call's media: queues the bot's 16 kHz mono PCM and, once per packetisation interval, takes one
/// frame of it (or silence), resamples it to the codec's rate, encodes it and hands an RTP packet to a sink.
/// A <see cref="MediaSchedule"/> drives <see cref="Tick"/>, so packets leave on a drift-free schedule.
/// </summary>
/// <remarks>
/// <para>
/// Silence is sent while the queue is empty, because many PBXs and SBCs tear a call down when RTP stops. The marker
/// bit is set on the first packet of the stream, on the first packet carrying bot audio after silence, and on the
/// first packet after a pause in sending (RFC 3551 §4.1: the first packet of a talkspurt).
/// </para>
/// <para>
/// For barge-in (STYLE §5), <see cref="Flush"/> drops the queue at once and <see cref="Cut"/> ends playback with a
/// short linear fade so that the caller hears no click. <see cref="PlaybackPosition"/> counts the bot samples that
/// actually left, and <see cref="PlaybackEvents"/> reports each utterance as played or interrupted.
/// </para>
/// <para>Thread-safe: the pipeline enqueues and cuts while the ticker thread sends. The codec's encoder is used only here.</para>
/// </remarks>
public sealed class PacedSender
{
    /// <summary>The rate of the PCM the pipeline exchanges with the media layer.</summary>
    public const int PipelineSampleRate = 16000;

    private readonly Lock _gate = new();
    private readonly RtpDatagramSink _sink;
    private readonly PcmSampleQueue _queue;
    private readonly UtteranceTracker _utterances;
    private readonly Channel<PlaybackFinished> _events;
    private readonly int _ptime;
    private readonly uint _ssrc;
    private readonly int _frameSamples;
    private readonly int _fadeSamples;
    private readonly short[] _frame;

    private IAudioCodec _codec = null!;
    private PcmResampler? _resampler;
    private short[] _codecFrame = [];
    private short[] _resampled = [];
    private byte[] _payload = [];
    private byte[] _datagram = [];
    private byte _payloadType;
    private int _timestampStep;
    private uint _timestampBase;
    private long _timestampBaseTick;
    private long _lastTick = -1;

    private ushort _sequence;
    private bool _markerPending = true;
    private bool _lastHadAudio;
    private bool _sending = true;
    private long _position;
    private long _samplesDropped;
    private long _packetsSent;
    private long _octetsSent;
    private uint _lastTimestamp;

    /// <summary>Creates a sender that encodes with <paramref name="codec"/> and passes each packet to <paramref name="sink"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The codec cannot frame the ptime, or its rate cannot be reached from 16 kHz.</exception>
    public PacedSender(IAudioCodec codec, PacedSenderOptions options, RtpDatagramSink sink)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PtimeMilliseconds);
        _sink = sink;
        _ptime = options.PtimeMilliseconds;
        _ssrc = options.Ssrc;
        _sequence = options.InitialSequenceNumber;
        _frameSamples = PipelineSampleRate / 1000 * _ptime;
        _fadeSamples = Math.Max(1, (int)(options.FadeDuration.Ticks * PipelineSampleRate / TimeSpan.TicksPerSecond));
        _frame = new short[_frameSamples];
        _queue = new PcmSampleQueue(Math.Max(_frameSamples, (int)(options.MaxQueued.Ticks * PipelineSampleRate / TimeSpan.TicksPerSecond)));
        _events = Channel.CreateBounded<PlaybackFinished>(new BoundedChannelOptions(options.PlaybackEventCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleWriter = true,
        });
        _utterances = new UtteranceTracker(_events.Writer);
        _timestampBase = options.InitialTimestamp;
        Configure(codec, options.PayloadType);
    }

    /// <summary>Our synchronization source identifier.</summary>
    public uint Ssrc => _ssrc;

    /// <summary>16 kHz samples of bot audio sent so far, silence excluded: what the caller has been played.</summary>
    public long PlaybackPosition
    {
        get { lock (_gate) return _position; }
    }

    /// <summary>16 kHz samples waiting to be sent.</summary>
    public int QueuedSamples
    {
        get { lock (_gate) return _queue.Count; }
    }

    /// <summary>16 kHz samples <see cref="Enqueue"/> refused because the queue held <see cref="PacedSenderOptions.MaxQueued"/> already.</summary>
    public long SamplesDropped
    {
        get { lock (_gate) return _samplesDropped; }
    }

    /// <summary>RTP packets sent.</summary>
    public long PacketsSent
    {
        get { lock (_gate) return _packetsSent; }
    }

    /// <summary>Payload octets sent, as an RTCP SR counts them (RFC 3550 §6.4.1).</summary>
    public long OctetsSent
    {
        get { lock (_gate) return _octetsSent; }
    }

    /// <summary>The RTP timestamp of the latest tick, sent or not.</summary>
    public uint LastTimestamp
    {
        get { lock (_gate) return _lastTimestamp; }
    }

    /// <summary>
    /// Whether ticks send packets. Cleared while the SDP direction forbids sending (hold, RFC 3264 §8.4): the queue and
    /// the playback position then stand still, and the RTP timestamp keeps following the clock.
    /// </summary>
    public bool IsSending
    {
        get { lock (_gate) return _sending; }
        set
        {
            lock (_gate)
            {
                if (value && !_sending) _markerPending = true;
                _sending = value;
            }
        }
    }

    /// <summary>Utterances as they finish playing or are interrupted; the oldest are dropped if nobody reads.</summary>
    public ChannelReader<PlaybackFinished> PlaybackEvents => _events.Reader;

    /// <summary>
    /// Appends 16 kHz mono PCM of any length to the current utterance, opening a new utterance if the last one was
    /// completed. Returns the utterance id. Samples beyond <see cref="PacedSenderOptions.MaxQueued"/> are dropped and
    /// counted in <see cref="SamplesDropped"/>.
    /// </summary>
    public long Enqueue(ReadOnlySpan<short> pcm)
    {
        lock (_gate)
        {
            var id = _utterances.OnEnqueued(_position + _queue.Count);
            _samplesDropped += pcm.Length - _queue.Enqueue(pcm);
            return id;
        }
    }

    /// <summary>Marks the end of the current utterance: its <see cref="PlaybackFinished"/> follows its last sample out.</summary>
    public void CompleteUtterance()
    {
        lock (_gate)
        {
            _utterances.Complete(_position + _queue.Count);
            _utterances.OnPlayed(_position);
        }
    }

    /// <summary>Drops every queued sample at once; queued utterances are reported as interrupted.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            _queue.Truncate(0);
            _utterances.Interrupt(_position, _position);
        }
    }

    /// <summary>Ends playback now, fading the next <see cref="PacedSenderOptions.FadeDuration"/> of queued audio to zero.</summary>
    public void Cut()
    {
        lock (_gate) CutAtOffset(0);
    }

    /// <summary>
    /// Ends playback at <paramref name="sampleIndex"/> (a value of <see cref="PlaybackPosition"/>), or now if that has
    /// passed: the fade starts there and everything after it is dropped.
    /// </summary>
    public void CutAt(long sampleIndex)
    {
        lock (_gate) CutAtOffset(sampleIndex <= _position ? 0 : (int)Math.Min(sampleIndex - _position, _queue.Count));
    }

    /// <summary>
    /// Switches to another codec after a re-INVITE (RFC 3264 §8.3.2). The RTP timestamp continues from the current
    /// tick at the new clock rate and the next packet carries the marker bit.
    /// </summary>
    public void ChangeCodec(IAudioCodec codec, byte payloadType)
    {
        ArgumentNullException.ThrowIfNull(codec);
        lock (_gate)
        {
            if (_lastTick >= 0)
            {
                _timestampBase = Timestamp(_lastTick + 1);
                _timestampBaseTick = _lastTick + 1;
            }

            Configure(codec, payloadType);
            _markerPending = true;
        }
    }

    /// <summary>The 16 kHz frame the latest tick sent: bot audio, silence, or silence while not sending. Read it on the ticking thread.</summary>
    internal ReadOnlySpan<short> LastFrame => _frame;

    /// <summary>Runs tick <paramref name="tickIndex"/> of the schedule; called by a <see cref="MediaSchedule"/>.</summary>
    public void Tick(long tickIndex)
    {
        byte[] datagram;
        int length;
        lock (_gate)
        {
            if (_lastTick >= 0 && tickIndex != _lastTick + 1) _markerPending = true;
            _lastTick = tickIndex;
            _lastTimestamp = Timestamp(tickIndex);
            if (!_sending)
            {
                _frame.AsSpan().Clear();
                return;
            }

            var taken = _queue.Dequeue(_frame);
            _frame.AsSpan(taken).Clear();
            var marker = _markerPending || (taken > 0 && !_lastHadAudio);
            _markerPending = false;
            _lastHadAudio = taken > 0;
            _position += taken;
            datagram = _datagram;
            length = Build(marker);
            _utterances.OnPlayed(_position);
        }

        // Outside the lock: a send can take a while on a busy host, and Enqueue and Cut must not wait behind it. Ticks
        // never overlap and ChangeCodec replaces the buffer rather than writing into it, so the datagram stays intact.
        _sink(datagram.AsSpan(0, length));
    }

    private void CutAtOffset(int offset)
    {
        var fade = Math.Min(_fadeSamples, _queue.Count - offset);
        _queue.FadeOut(offset, fade);
        _queue.Truncate(offset + fade);
        _utterances.Interrupt(_position + offset + fade, _position);
    }

    private uint Timestamp(long tick) => unchecked(_timestampBase + (uint)((tick - _timestampBaseTick) * _timestampStep));

    private void Configure(IAudioCodec codec, byte payloadType)
    {
        var codecSamples = codec.SamplesPerFrame(_ptime);
        _codec = codec;
        _payloadType = payloadType;
        _timestampStep = codec.ClockRate / 1000 * _ptime;
        _resampler = codec.SampleRate == PipelineSampleRate ? null : new PcmResampler(PipelineSampleRate, codec.SampleRate);
        _codecFrame = new short[codecSamples];
        _resampled = new short[codecSamples + 16];
        _payload = new byte[codec.MaxPayloadSize(_ptime)];
        _datagram = new byte[RtpPacket.FixedHeaderSize + _payload.Length];
    }

    /// <summary>Encodes the current frame into the datagram buffer and returns the datagram's length.</summary>
    private int Build(bool marker)
    {
        ReadOnlySpan<short> pcm = _frame;
        if (_resampler is not null)
        {
            // A 20 ms frame is a whole number of resampler groups between 8, 16 and 48 kHz, so this is exact; the
            // pad or trim only guards odd ptimes against an off-by-one.
            var produced = _resampler.Process(_frame, _resampled);
            var kept = Math.Min(produced, _codecFrame.Length);
            _resampled.AsSpan(0, kept).CopyTo(_codecFrame);
            _codecFrame.AsSpan(kept).Clear();
            pcm = _codecFrame;
        }

        var length = _codec.Encode(pcm, _payload);
        var packet = new RtpPacket(new RtpHeader(_payloadType, _sequence, _lastTimestamp, _ssrc, marker), _payload.AsSpan(0, length));
        packet.TryWrite(_datagram, out var written);
        _sequence++;
        _packetsSent++;
        _octetsSent += length;
        return written;
    }
}
