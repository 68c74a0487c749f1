namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// Turns a stream of RFC 4733 telephone-event packets into key presses: one <see cref="DtmfDigit"/> per event, with
/// its duration. Feed it every packet of the telephone-event payload type with <see cref="Process(uint, uint, ReadOnlySpan{byte})"/>
/// and collect digits with <see cref="TryRead"/>, which the playout tick should also call so that an event whose end
/// packets were all lost still completes.
/// </summary>
/// <remarks>
/// <para>
/// An event is identified by its RTP timestamp, which every packet of the event repeats (RFC 4733 §2.5.1). So the
/// marker bit is not relied on: a new timestamp is a new event even if its first packet, which carries the marker,
/// was lost. For the same reason the first packet seen may be an end packet; the digit is emitted from it. The end
/// packet is sent three times (§2.5.1.4); the copies carry the same timestamp and are ignored.
/// </para>
/// <para>Thread-safe: packets may arrive on the receive loop while the playout tick reads digits.</para>
/// </remarks>
public sealed class DtmfReceiver
{
    /// <summary>
    /// How long an event may go without packets before it is taken to have ended. RFC 4733 leaves this to the receiver;
    /// this covers a few lost updates at the usual 50 ms interval.
    /// </summary>
    public static readonly TimeSpan DefaultEndTimeout = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly Queue<DtmfDigit> _ready = new();
    private readonly int _clockRate;
    private readonly TimeProvider _time;
    private readonly TimeSpan _endTimeout;

    private bool _hasEvent;
    private bool _inProgress;
    private uint _ssrc;
    private uint _timestamp;
    private char _digit;
    private ushort _duration;
    private long _lastPacketAt;
    private long _malformed;

    /// <summary>Creates a receiver for events timed at <paramref name="clockRate"/> Hz (the telephone-event rtpmap rate).</summary>
    public DtmfReceiver(int clockRate, TimeProvider time, TimeSpan? endTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(clockRate, 0);
        ArgumentNullException.ThrowIfNull(time);
        _clockRate = clockRate;
        _time = time;
        _endTimeout = endTimeout ?? DefaultEndTimeout;
    }

    /// <summary>Packets whose payload was shorter than an event.</summary>
    public long Malformed
    {
        get { lock (_gate) return _malformed; }
    }

    /// <summary>Processes a telephone-event RTP packet.</summary>
    public void Process(in RtpPacket packet) => Process(packet.Header.Ssrc, packet.Header.Timestamp, packet.Payload);

    /// <summary>Processes the payload of a telephone-event packet from <paramref name="ssrc"/> with RTP timestamp <paramref name="timestamp"/>.</summary>
    public void Process(uint ssrc, uint timestamp, ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            if (!TelephoneEventPayload.TryParse(payload, out var value))
            {
                _malformed++;
                return;
            }

            if (!DtmfEvents.TryGetDigit(value.Event, out var digit))
            {
                // Flash, tones and the rest of the RFC 4733 registry are not key presses.
                return;
            }

            if (_hasEvent && ssrc == _ssrc)
            {
                if (timestamp == _timestamp)
                {
                    Update(value);
                    return;
                }

                if (RtpTimestamp.IsNewer(_timestamp, timestamp))
                {
                    // A straggler from an event that has already been superseded.
                    return;
                }
            }

            // A new event. If the previous one never saw an end packet, its start is now known to be over.
            Finish();
            _hasEvent = true;
            _inProgress = true;
            _ssrc = ssrc;
            _timestamp = timestamp;
            _digit = digit;
            _duration = 0;
            Update(value);
        }
    }

    /// <summary>Takes the next completed digit, first ending an event that has gone quiet for longer than the end timeout.</summary>
    public bool TryRead(out DtmfDigit digit)
    {
        lock (_gate)
        {
            if (_inProgress && _time.GetElapsedTime(_lastPacketAt) >= _endTimeout)
            {
                Finish();
            }

            return _ready.TryDequeue(out digit);
        }
    }

    private void Update(TelephoneEventPayload value)
    {
        if (!_inProgress)
        {
            // The repeated end packets, or an update overtaken by them: the digit has been emitted.
            return;
        }

        _duration = Math.Max(_duration, value.Duration);
        _lastPacketAt = _time.GetTimestamp();
        if (value.End)
        {
            Finish();
        }
    }

    private void Finish()
    {
        if (_inProgress)
        {
            _inProgress = false;
            _ready.Enqueue(new DtmfDigit(_digit, RtpTimestamp.ToTimeSpan(_duration, _clockRate)));
        }
    }
}
