using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Media.Codecs;
using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// One call's RTP audio between the caller and the speech pipeline, which sees only 20 ms frames of 16 kHz mono PCM:
/// caller audio comes out of <see cref="Frames"/>, bot audio goes into <see cref="Sender"/>, and key presses and a
/// dead media path come out of <see cref="Events"/>.
/// </summary>
/// <remarks>
/// <para>
/// The receive handlers (RTP, RTCP), run by a shared <see cref="DatagramReceiver"/>, only parse, filter and file packets: voice into the adaptive jitter buffer, RFC 4733
/// events into the DTMF receiver; and, when someone listens for caller audio as it arrives (barge-in), voice is also
/// decoded there by an <see cref="ArrivalDecoder"/> ahead of the jitter buffer. Everything clocked runs on one <see cref="MediaSchedule"/> of a shared
/// <see cref="MediaClock"/>: the paced sender, the playout of one frame from the jitter buffer, the DTMF and
/// inactivity checks and the RTCP reports. When the clock wakes late, every overdue tick still plays a frame out,
/// so no caller audio is lost; only the send side skips ticks that are too old to be worth sending. No application
/// code runs on a receive thread (STYLE §6) except that arrival listener, which must return at once; neither handler nor tick lets an exception escape.
/// </para>
/// <para>
/// The sockets belong to the call's <see cref="RtpPortLease"/>, which the call disposes at hang-up; the session only
/// uses them. The ptime is fixed for the session's life; a re-INVITE may change the address, codec and direction.
/// </para>
/// </remarks>
public sealed class RtpMediaSession : IAsyncDisposable
{
    // RFC 3389 comfort noise: static payload type 13 (RFC 3551 §6). It shares the voice sequence space.
    private const byte ComfortNoisePayloadType = 13;

    private readonly Lock _gate = new();
    private readonly RtpPortLease _ports;
    private readonly RtpMediaSessionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SymmetricRtpLatch _latch;
    private readonly Channel<short[]> _frames;
    private readonly Channel<MediaSessionEvent> _events;
    private readonly MediaClock _clock;
    private readonly DatagramReceiver _receiver;
    private readonly bool _ownsEngine;
    private readonly short[] _botSilence;
    private readonly RtcpChannel _rtcp;
    private readonly long[] _dropped = new long[Enum.GetValues<RtpDropReason>().Length];
    private readonly long[] _malformed = new long[Enum.GetValues<RtpParseError>().Length];
    private readonly int _ptime;

    private CallMedia _media;
    private IAudioCodec _codec;
    private AudioPlayout _playout;
    private DtmfReceiver? _dtmf;
    private ArrivalDecoder? _arrival;
    private StereoWavRecorder? _recorder;
    private long _lastActivity;
    private bool _timedOut;
    private bool _disposed;
    private int _disposeStarted;
    private long _packetsReceived;
    private long _framesDropped;
    private volatile MediaSchedule? _schedule;
    private DatagramRegistration? _rtpRegistration;
    private DatagramRegistration? _rtcpRegistration;

    /// <summary>
    /// Creates a stopped session for the negotiated <paramref name="media"/> on the call's <paramref name="ports"/>,
    /// ticking on the <paramref name="clock"/> and receiving on the <paramref name="receiver"/> that all of the
    /// host's calls share.
    /// </summary>
    /// <exception cref="NotSupportedException">The negotiated codec is not one we implement.</exception>
    public RtpMediaSession(RtpPortLease ports, CallMedia media, MediaClock clock, DatagramReceiver receiver, RtpMediaSessionOptions? options = null, ILogger? logger = null)
        : this(ports, media, clock ?? throw new ArgumentNullException(nameof(clock)), receiver ?? throw new ArgumentNullException(nameof(receiver)), ownsEngine: false, options, logger)
    {
    }

    /// <summary>
    /// Creates a stopped session with a clock and a receiver of its own: one timer of <paramref name="time"/> and one
    /// receive thread. Fine for a few calls and for tests; a host carrying many calls should share one
    /// <see cref="MediaClock"/> and one <see cref="DatagramReceiver"/> between them.
    /// </summary>
    /// <exception cref="NotSupportedException">The negotiated codec is not one we implement.</exception>
    public RtpMediaSession(RtpPortLease ports, CallMedia media, TimeProvider time, RtpMediaSessionOptions? options = null, ILogger? logger = null)
        : this(ports, media, MediaClock.CreatePrivate(time ?? throw new ArgumentNullException(nameof(time)), logger), new DatagramReceiver(1, logger), ownsEngine: true, options, logger)
    {
    }

    private RtpMediaSession(RtpPortLease ports, CallMedia media, MediaClock clock, DatagramReceiver receiver, bool ownsEngine, RtpMediaSessionOptions? options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(media);
        _ports = ports;
        _media = media;
        _clock = clock;
        _receiver = receiver;
        _ownsEngine = ownsEngine;
        var time = clock.Time;
        _time = time;
        _options = options ?? new RtpMediaSessionOptions();
        _logger = logger ?? NullLogger.Instance;
        _ptime = media.Audio.Ptime;
        _latch = new SymmetricRtpLatch(media.Audio.RemoteRtpEndPoint, ports.Rtp.AddressFamily);
        _frames = Channel.CreateBounded<short[]>(
            new BoundedChannelOptions(_options.FrameQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true },
            _ => Interlocked.Increment(ref _framesDropped));
        _events = Channel.CreateBounded<MediaSessionEvent>(
            new BoundedChannelOptions(_options.EventQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true });
        _codec = AudioCodecFactory.Create(media.Audio.Codec.EncodingName, _options.Opus);
        _playout = new AudioPlayout(_codec, _ptime, time, PlayoutOutput);
        _dtmf = CreateDtmfReceiver(media);
        var senderOptions = new PacedSenderOptions
        {
            PayloadType = (byte)media.Audio.Codec.PayloadType,
            PtimeMilliseconds = _ptime,
            MaxQueued = _options.MaxQueued,
            FadeDuration = _options.FadeDuration,
        };
        Sender = new PacedSender(_codec, senderOptions, SendRtp) { IsSending = CanSend(media) };
        _rtcp = new RtcpChannel(new RtcpReporter(time, Sender.Ssrc, _options.Cname, _options.RtcpInterval), ports.Rtcp, _latch, _logger);
        _botSilence = new short[PacedSender.PipelineSampleRate / 1000 * _ptime];
    }

    /// <summary>The bot's side: enqueue 16 kHz PCM, flush or cut on barge-in, read the playback position.</summary>
    public PacedSender Sender { get; }

    /// <summary>The caller's audio as 20 ms frames of 16 kHz mono PCM (320 samples), one per 20 ms, silence included.</summary>
    public ChannelReader<short[]> Frames => _frames.Reader;

    // In echo mode the frames go straight to the sender and nobody reads them, so none is copied out: an array per
    // frame at 1000 calls was 33 MB/s of garbage, and its collections stopped every clock lane (bench/media-load).
    private ChannelWriter<short[]>? PlayoutOutput => _options.Echo ? null : _frames.Writer;

    /// <summary>DTMF digits and media inactivity.</summary>
    public ChannelReader<MediaSessionEvent> Events => _events.Reader;

    /// <summary>The caller's RTP source address once the first packet has arrived.</summary>
    public IPEndPoint? LatchedEndPoint => _latch.Latched;

    /// <summary>
    /// Where the call is recorded, caller left and bot right, exactly as played and sent on the media clock; null
    /// for no recording. The session writes to it but does not dispose it.
    /// </summary>
    public StereoWavRecorder? Recorder
    {
        get
        {
            lock (_gate) return _recorder;
        }

        set
        {
            lock (_gate)
            {
                _recorder = value;
                _playout.Recorder = value;
            }
        }
    }

    /// <summary>The counters as of now.</summary>
    public MediaSessionStatistics Statistics
    {
        get
        {
            JitterBufferStatistics jitter;
            lock (_gate) jitter = _playout.Jitter.Statistics;
            var jitterMs = _rtcp.JitterMilliseconds(_codec.ClockRate);
            return new MediaSessionStatistics(
                Interlocked.Read(ref _packetsReceived),
                Sender.PacketsSent,
                jitter.Lost,
                jitter.Late,
                jitter.Duplicates,
                jitter.Discarded,
                jitterMs,
                Interlocked.Read(ref _framesDropped),
                _schedule?.LateTicks ?? 0,
                _schedule?.SkippedTicks ?? 0,
                _rtcp.Sent,
                _rtcp.Received,
                Enum.GetValues<RtpDropReason>().ToDictionary(r => r, r => Interlocked.Read(ref _dropped[(int)r])),
                Enum.GetValues<RtpParseError>().Where(e => e != RtpParseError.None).ToDictionary(e => e, e => Interlocked.Read(ref _malformed[(int)e])),
                _latch.Latched);
        }
    }

    /// <summary>
    /// Sets who hears the caller's voice the moment each packet arrives, decoded to 16 kHz ahead of the jitter buffer
    /// (null for nobody). Barge-in uses it to hear a caller talking over the bot without waiting out the buffer's
    /// depth. The handler runs on the socket's receive thread: it must return quickly and never block, and an exception
    /// it throws is logged and dropped. Late, repeated and lost packets never reach it.
    /// </summary>
    public void SetArrivalHandler(ArrivingAudioHandler? handler)
    {
        lock (_gate)
        {
            var previous = _arrival;
            Volatile.Write(ref _arrival, handler is null || _disposed ? null : CreateArrivalDecoder(_media, handler));
            previous?.Dispose();
        }
    }

    /// <summary>Starts receiving and ticking.</summary>
    public void Start()
    {
        Volatile.Write(ref _lastActivity, _time.GetTimestamp());
        _rtpRegistration = _receiver.Register(_ports.Rtp, OnRtp);
        _rtcpRegistration = _receiver.Register(_ports.Rtcp, OnRtcp);
        // Caller audio older than the jitter buffer's deepest delay is cut by the buffer itself (AdaptiveJitterBuffer
        // skips ahead), so playing out more overdue ticks than that would only burn CPU an overloaded host lacks.
        var ptime = TimeSpan.FromMilliseconds(_ptime);
        var backlog = Math.Max(_options.MaxCatchUpTicks, (int)(JitterBufferOptions.ForPtime(_ptime, _codec.ClockRate).MaximumDepth / ptime) + 1);
        _schedule = _clock.Schedule(ptime, OnTick, _options.MaxCatchUpTicks, backlog);
    }

    /// <summary>
    /// Applies a re-INVITE's media: hold or resume (sending stops while the SDP direction forbids it, and the
    /// inactivity clock restarts), a new address (the latch is reset so the next packet re-latches), a new codec.
    /// </summary>
    public void UpdateMedia(CallMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        lock (_gate)
        {
            var previous = _media;
            Volatile.Write(ref _media, media);
            if (!previous.Audio.RemoteRtpEndPoint.Equals(media.Audio.RemoteRtpEndPoint))
            {
                _latch.Reset(media.Audio.RemoteRtpEndPoint);
                _rtcp.ForgetSource();
            }

            if (previous.Audio.Codec != media.Audio.Codec)
            {
                var codec = AudioCodecFactory.Create(media.Audio.Codec.EncodingName, _options.Opus);
                Sender.ChangeCodec(codec, (byte)media.Audio.Codec.PayloadType);
                Volatile.Write(ref _playout, new AudioPlayout(codec, _ptime, _time, PlayoutOutput) { Recorder = _recorder });
                _codec.Dispose();
                _codec = codec;
                if (_arrival is { } arrival)
                {
                    Volatile.Write(ref _arrival, CreateArrivalDecoder(media, arrival.Handler));
                    arrival.Dispose();
                }
            }

            if (previous.Audio.TelephoneEvent != media.Audio.TelephoneEvent) Volatile.Write(ref _dtmf, CreateDtmfReceiver(media));
            Sender.IsSending = CanSend(media);
            Volatile.Write(ref _lastActivity, _time.GetTimestamp());
            _timedOut = false;
        }
    }

    /// <summary>Stops ticking and receiving and releases the codec. The sockets stay with the call.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) != 0) return ValueTask.CompletedTask;
        _schedule?.Dispose();
        _rtpRegistration?.Dispose();
        _rtcpRegistration?.Dispose();
        if (_ownsEngine)
        {
            _clock.Dispose();
            _receiver.Dispose();
        }

        lock (_gate)
        {
            // RFC 3550 §6.6: a participant leaving sends BYE, so the peer need not wait out its timeout; under the
            // lock, so no tick's report shares the buffer. A session that never started never joined.
            if (_schedule is not null) _rtcp.Send(Sender, goodbye: true);
            _disposed = true;
            _codec.Dispose();
            _arrival?.Dispose();
            Volatile.Write(ref _arrival, null);
        }

        _frames.Writer.TryComplete();
        _events.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private static bool CanSend(CallMedia media) =>
        media.Audio.SendsMedia && !media.Audio.RemoteRtpEndPoint.Address.Equals(IPAddress.Any) && !media.Audio.RemoteRtpEndPoint.Address.Equals(IPAddress.IPv6Any);

    private DtmfReceiver? CreateDtmfReceiver(CallMedia media) =>
        media.Audio.TelephoneEvent is { } events ? new DtmfReceiver(events.ClockRate, _time) : null;

    private void OnRtp(ReadOnlySpan<byte> datagram, SocketAddress source)
    {
        if (!RtpPacket.TryParse(datagram, out var packet, out var failure))
        {
            Drop(RtpDropReason.Malformed);
            Interlocked.Increment(ref _malformed[(int)failure.Reason]);
            return;
        }

        var audio = Volatile.Read(ref _media).Audio;
        var header = packet.Header;
        var isVoice = header.PayloadType == audio.Codec.PayloadType;
        var isEvent = header.PayloadType == audio.TelephoneEventPayloadType;
        if (!isVoice && !isEvent && header.PayloadType != ComfortNoisePayloadType)
        {
            // Checked before latching, so that a stray packet of an unknown format cannot capture the latch.
            Drop(RtpDropReason.UnknownPayloadType);
            return;
        }

        if (!_latch.Accept(source))
        {
            Drop(RtpDropReason.UnexpectedSource);
            return;
        }

        Interlocked.Increment(ref _packetsReceived);
        Volatile.Write(ref _lastActivity, _time.GetTimestamp());
        _rtcp.OnRtp(header, audio.Codec.ClockRate);
        var jitter = Volatile.Read(ref _playout).Jitter;
        if (isVoice)
        {
            // Before the buffer: the arrival listener (barge-in) is the one reader that cannot wait for the playout.
            if (Volatile.Read(ref _arrival) is { } arrival) Arrive(arrival, packet);
            var result = jitter.Insert(packet);
            if (result == JitterBufferInsertResult.TooLarge) Drop(RtpDropReason.Rejected);
            return;
        }

        if (isEvent) Volatile.Read(ref _dtmf)?.Process(packet);
        jitter.InsertNonAudio(header.Ssrc, header.SequenceNumber);
    }

    private ArrivalDecoder CreateArrivalDecoder(CallMedia media, ArrivingAudioHandler handler) =>
        new(AudioCodecFactory.Create(media.Audio.Codec.EncodingName, _options.Opus), handler);

    private void Arrive(ArrivalDecoder arrival, RtpPacket packet)
    {
        try
        {
            arrival.OnVoice(packet.Header.Ssrc, packet.Header.SequenceNumber, packet.Payload);
        }
        catch (Exception e)
        {
            // The listener's failure (or a decoder disposed by a re-INVITE under it) must not cost the packet its
            // place in the jitter buffer, nor end the receive loop.
            _logger.LogDebug(e, "Arrival listener failed on RTP packet {Sequence}", packet.Header.SequenceNumber);
        }
    }

    private void OnRtcp(ReadOnlySpan<byte> datagram, SocketAddress source)
    {
        if (_rtcp.OnDatagram(datagram, source) is { } reason) Drop(reason);
    }

    private void Drop(RtpDropReason reason) => Interlocked.Increment(ref _dropped[(int)reason]);

    private void OnTick(long index, bool stale)
    {
        try
        {
            lock (_gate)
            {
                if (_disposed) return;
                if (stale)
                {
                    // Too old to send (the caller would get a burst, then added latency); the caller heard nothing
                    // from us for this interval, which is what the recording keeps.
                    _recorder?.WriteBot(_botSilence);
                }
                else
                {
                    Sender.Tick(index);
                    _recorder?.WriteBot(Sender.LastFrame);
                }

                // The echo is enqueued after this tick's send, so it leaves at the next tick; held, the sender would
                // only queue it up.
                _playout.Tick(_options.Echo && !stale && Sender.IsSending ? Sender : null);
                RaiseDtmf();
                CheckInactivity();
                if (_rtcp.IsDue) _rtcp.Send(Sender, goodbye: false);
            }
        }
        catch (IOException e)
        {
            // The disk filled up or went away: lose the recording, not the call.
            _logger.LogWarning(e, "Recording failed; the call continues unrecorded");
            Recorder = null;
        }
        catch (Exception e)
        {
            // One bad tick must not end the call: log it with its index and carry on with the next.
            _logger.LogWarning(e, "Media tick {Index} failed", index);
        }
    }

    private void RaiseDtmf()
    {
        var dtmf = _dtmf;
        while (dtmf is not null && dtmf.TryRead(out var digit)) _events.Writer.TryWrite(new DtmfReceived(digit));
    }

    private void CheckInactivity()
    {
        var silence = _time.GetElapsedTime(Volatile.Read(ref _lastActivity));
        if (silence < _options.InactivityTimeout || !_media.Audio.ReceivesMedia || _media.IsOnHold)
        {
            _timedOut = false;
            return;
        }

        if (_timedOut) return;
        _timedOut = true;
        _events.Writer.TryWrite(new MediaInactive(silence));
    }

    private void SendRtp(ReadOnlySpan<byte> datagram)
    {
        var destination = _latch.DestinationAddress;
        try
        {
            _ports.Rtp.SendTo(datagram, SocketFlags.None, destination);
        }
        catch (SocketException e)
        {
            _logger.LogDebug(e, "RTP send to {EndPoint} failed", destination);
        }
    }
}
