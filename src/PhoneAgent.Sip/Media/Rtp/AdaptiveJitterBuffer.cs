using System.Numerics;

namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// An adaptive jitter buffer for one RTP stream of fixed-duration frames. The receive path offers each audio packet
/// to <see cref="Insert(uint, ushort, uint, bool, ReadOnlySpan{byte})"/>; the playout clock calls <see cref="Pop"/>
/// once per <see cref="JitterBufferOptions.FrameDuration"/> and gets a frame to decode, a gap to conceal, or nothing.
/// </summary>
/// <remarks>
/// <para>
/// Playout runs in sequence-number order (RFC 3550 §5.1: one number per packet), in <see cref="ushort"/> arithmetic
/// that wraps 65535 → 0 by itself. A ring of slots indexed by sequence number holds what is waiting and remembers what
/// was played, so a copy of a played packet counts as a duplicate and a packet whose turn has passed counts as late.
/// </para>
/// <para>
/// The target depth is the spread of transit times over <see cref="JitterBufferOptions.JitterWindow"/> plus one frame,
/// within [<see cref="JitterBufferOptions.MinimumDepth"/>, <see cref="JitterBufferOptions.MaximumDepth"/>]. The buffer
/// moves towards it only where that is cheap: it refills to the target when a talkspurt starts (marker bit, RFC 3551
/// §4.1) and finds it empty; it grows by asking for one concealed frame when it runs dry or a packet comes late; it
/// shrinks by dropping one frame per <see cref="JitterBufferOptions.ShrinkInterval"/> at most, and only when it held
/// more than the target for that whole interval. So it grows at once and shrinks slowly.
/// </para>
/// <para>Thread-safe: the receive loop may insert while the playout timer pops.</para>
/// </remarks>
public sealed class AdaptiveJitterBuffer
{
    private readonly Lock _gate = new();
    private readonly JitterBufferOptions _options;
    private readonly TimeProvider _time;
    private readonly long _epoch;
    private readonly int _concealmentTicks;
    private readonly JitterDepthController _depth;
    private readonly JitterBufferSlot[] _slots;
    private readonly JitterBufferCounters _counters = new();
    private JitterBufferSlot _held;

    private JitterBufferPhase _phase;
    private uint _ssrc;
    private ushort _next;
    private ushort _highest;
    private ushort _start;
    private bool _hasFloor;
    private bool _phaseHasAudio;
    private long _phaseStarted;
    private ushort _anchorSequence;
    private uint _anchorTimestamp;
    private int _underrunTicks;
    private int _lastSpan;

    /// <summary>Creates a buffer that reads arrival times from <paramref name="time"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The options are inconsistent.</exception>
    public AdaptiveJitterBuffer(JitterBufferOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _options = options;
        _time = time;
        _epoch = time.GetTimestamp();
        _concealmentTicks = (int)(options.MaxConcealment / options.FrameDuration);
        _depth = new JitterDepthController(options);

        // Room for the deepest buffer several times over, so that the played history behind the playout point
        // still tells duplicates from late packets.
        _slots = new JitterBufferSlot[BitOperations.RoundUpToPowerOf2((uint)Math.Max(32, 4 * _depth.MaxFrames))];
    }

    /// <summary>The counters and depths as of now.</summary>
    public JitterBufferStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                var frame = _options.FrameDuration;
                return _counters.Snapshot(_lastSpan * frame, _depth.TargetFrames * frame);
            }
        }
    }

    /// <summary>Offers a received audio packet; the payload is copied, so the datagram buffer may be reused at once.</summary>
    public JitterBufferInsertResult Insert(in RtpPacket packet) =>
        Insert(packet.Header.Ssrc, packet.Header.SequenceNumber, packet.Header.Timestamp, packet.Header.Marker, packet.Payload);

    /// <summary>Offers a received audio packet; the payload is copied, so the caller may reuse its buffer at once.</summary>
    public JitterBufferInsertResult Insert(uint ssrc, ushort sequenceNumber, uint timestamp, bool marker, ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            _counters.Received++;
            if (payload.Length > _options.MaxPayloadSize)
            {
                return JitterBufferInsertResult.TooLarge;
            }

            if (_phase == JitterBufferPhase.Idle || ssrc != _ssrc)
            {
                // A new source has its own sequence and timestamp spaces (RFC 3550 §8): start over at once.
                _counters.Resynchronizations += _phase == JitterBufferPhase.Idle ? 0 : 1;
                Resync(ssrc, sequenceNumber);
            }

            return Place(sequenceNumber, timestamp, marker, payload);
        }
    }

    /// <summary>
    /// Records that <paramref name="sequenceNumber"/> of this stream carried no audio: RFC 4733 events and RFC 3389
    /// comfort noise share the audio's sequence space. Playout steps over it instead of concealing it as lost.
    /// </summary>
    public JitterBufferInsertResult InsertNonAudio(uint ssrc, ushort sequenceNumber)
    {
        lock (_gate)
        {
            var ahead = RtpSequenceNumber.Delta(_next, sequenceNumber);
            if (_phase == JitterBufferPhase.Idle || ssrc != _ssrc || ahead < 0 || ahead >= _slots.Length)
            {
                return JitterBufferInsertResult.Ignored;
            }

            ref var slot = ref Slot(sequenceNumber);
            if (slot.Holds(sequenceNumber, JitterBufferSlotState.Placeholder) || slot.Holds(sequenceNumber, JitterBufferSlotState.Buffered))
            {
                return JitterBufferInsertResult.Duplicate;
            }

            slot.Mark(sequenceNumber, JitterBufferSlotState.Placeholder);
            if (RtpSequenceNumber.IsNewer(sequenceNumber, _highest))
            {
                _highest = sequenceNumber;
            }

            return JitterBufferInsertResult.Buffered;
        }
    }

    /// <summary>
    /// Takes the frame for this playout tick. Call it once per <see cref="JitterBufferOptions.FrameDuration"/>; on
    /// <see cref="JitterBufferStatus.Frame"/> the payload has been copied into <paramref name="payloadDestination"/>.
    /// </summary>
    /// <param name="payloadDestination">At least <see cref="JitterBufferOptions.MaxPayloadSize"/> bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="payloadDestination"/> is too small.</exception>
    public JitterBufferFrame Pop(Span<byte> payloadDestination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(payloadDestination.Length, _options.MaxPayloadSize, nameof(payloadDestination));
        lock (_gate)
        {
            if (_phase == JitterBufferPhase.Idle || (_phase == JitterBufferPhase.Buffering && !TryStartPlayout()))
            {
                _lastSpan = 0;
                return default;
            }

            var target = _depth.TargetFrames;
            if (Span() > _depth.MaxFrames)
            {
                // Far more queued than the deepest target (a burst after an outage, or a sender running fast): cut
                // back to the target in one go rather than carry the delay through many intervals of shrinking.
                SkipTo((ushort)(_highest - target + 1));
            }

            if (_depth.ShouldShrink(Span()) && Slot(_next).Holds(_next, JitterBufferSlotState.Buffered))
            {
                SkipTo((ushort)(_next + 1));
            }

            while (Slot(_next).Holds(_next, JitterBufferSlotState.Placeholder))
            {
                Slot(_next).State = JitterBufferSlotState.Consumed;
                _next++;
            }

            var span = Span();
            _lastSpan = span;
            if (_depth.ShouldGrow(span))
            {
                return Conceal(advance: false);
            }

            ref var slot = ref Slot(_next);
            if (slot.Holds(_next, JitterBufferSlotState.Buffered))
            {
                slot.Buffer.AsSpan(0, slot.Length).CopyTo(payloadDestination);
                slot.State = JitterBufferSlotState.Consumed;
                _anchorSequence = _next;
                _anchorTimestamp = slot.Timestamp;
                _underrunTicks = 0;
                _next++;
                return new JitterBufferFrame(JitterBufferStatus.Frame, slot.SequenceNumber, slot.Timestamp, slot.Marker, slot.Length);
            }

            if (span > 0)
            {
                // Later packets are here, so this one is lost or too late: conceal it and move on.
                _counters.Lost++;
                _underrunTicks = 0;
                return Conceal(advance: true);
            }

            // Empty: the network stalled or the talker went silent. Conceal without moving on, which deepens the
            // buffer by a frame if the packets are merely delayed; past MaxConcealment assume silence and refill.
            if (++_underrunTicks > _concealmentTicks)
            {
                EnterBuffering(floor: true);
                _lastSpan = 0;
                return default;
            }

            return Conceal(advance: false);
        }
    }

    /// <summary>
    /// Copies the payload of packet <paramref name="sequenceNumber"/> if it is buffered and not yet played, without
    /// consuming it: after a <see cref="JitterBufferStatus.Missing"/> frame, the packet after the gap, whose in-band
    /// FEC (RFC 6716 §2.1.7) can rebuild the lost frame.
    /// </summary>
    /// <param name="sequenceNumber">The packet wanted.</param>
    /// <param name="payloadDestination">At least <see cref="JitterBufferOptions.MaxPayloadSize"/> bytes.</param>
    /// <param name="payloadLength">The bytes copied; 0 when the packet is not waiting.</param>
    public bool TryPeek(ushort sequenceNumber, Span<byte> payloadDestination, out int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(payloadDestination.Length, _options.MaxPayloadSize, nameof(payloadDestination));
        lock (_gate)
        {
            ref var slot = ref Slot(sequenceNumber);
            payloadLength = slot.Holds(sequenceNumber, JitterBufferSlotState.Buffered) ? slot.Length : 0;
            slot.Buffer.AsSpan(0, payloadLength).CopyTo(payloadDestination);
            return payloadLength > 0;
        }
    }

    private ref JitterBufferSlot Slot(ushort sequenceNumber) => ref _slots[sequenceNumber & (_slots.Length - 1)];

    /// <summary>Frames from the playout point to the newest packet, inclusive; 0 when nothing is waiting.</summary>
    private int Span() => Math.Max(0, RtpSequenceNumber.Delta(_next, _highest) + 1);

    private uint ArrivalTicks() => RtpTimestamp.FromElapsed(_time.GetElapsedTime(_epoch), _options.ClockRate);

    private JitterBufferInsertResult Place(ushort sequenceNumber, uint timestamp, bool marker, ReadOnlySpan<byte> payload)
    {
        var ahead = RtpSequenceNumber.Delta(_next, sequenceNumber);
        if (ahead < 0 && _phase == JitterBufferPhase.Buffering && !_hasFloor && RtpSequenceNumber.Delta(sequenceNumber, _highest) < _slots.Length)
        {
            // Nothing has played yet, so a packet that overtook the first one simply starts the stream earlier.
            _next = sequenceNumber;
            ahead = 0;
        }

        if (ahead <= -_slots.Length || ahead >= _slots.Length)
        {
            return HoldOrResync(sequenceNumber, timestamp, marker, payload);
        }

        ref var slot = ref Slot(sequenceNumber);
        if (ahead < 0)
        {
            if (slot.Holds(sequenceNumber, JitterBufferSlotState.Consumed))
            {
                _counters.Duplicates++;
                return JitterBufferInsertResult.Duplicate;
            }

            // Its turn passed and it was concealed. Its delay still counts, and says the buffer is too shallow.
            _counters.Late++;
            _depth.OnLate();
            _depth.OnArrival(timestamp, ArrivalTicks());
            return JitterBufferInsertResult.Late;
        }

        if (slot.Holds(sequenceNumber, JitterBufferSlotState.Buffered) || slot.Holds(sequenceNumber, JitterBufferSlotState.Placeholder))
        {
            _counters.Duplicates++;
            return JitterBufferInsertResult.Duplicate;
        }

        if (marker && _phase == JitterBufferPhase.Playing && RtpSequenceNumber.Delta(_next, _highest) < 0)
        {
            // A talkspurt starts while the buffer is empty: the cheapest moment to change depth, since only
            // silence is stretched or cut. Refill to the current target before playing on.
            EnterBuffering(floor: true);
        }

        _depth.OnArrival(timestamp, ArrivalTicks());
        slot.Store(sequenceNumber, timestamp, marker, payload);
        NoteArrival(sequenceNumber);
        return JitterBufferInsertResult.Buffered;
    }

    private JitterBufferInsertResult HoldOrResync(ushort sequenceNumber, uint timestamp, bool marker, ReadOnlySpan<byte> payload)
    {
        if (!_held.Holds((ushort)(sequenceNumber - 1), JitterBufferSlotState.Buffered))
        {
            _held.Store(sequenceNumber, timestamp, marker, payload);
            return JitterBufferInsertResult.HeldForConfirmation;
        }

        // Two consecutive packets far from the stream: the sender really jumped (RFC 3550 A.1). Start over from the
        // held packet, moving its buffer into the ring rather than copying it.
        var held = _held;
        _counters.Resynchronizations++;
        Resync(_ssrc, held.SequenceNumber);
        ref var slot = ref Slot(held.SequenceNumber);
        (slot, _held.Buffer) = (held, slot.Buffer);
        _depth.OnArrival(held.Timestamp, ArrivalTicks());
        NoteArrival(held.SequenceNumber);
        return Place(sequenceNumber, timestamp, marker, payload);
    }

    private void Resync(uint ssrc, ushort sequenceNumber)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i].State = JitterBufferSlotState.Empty;
        }

        _held.State = JitterBufferSlotState.Empty;
        _ssrc = ssrc;
        _next = sequenceNumber;
        _highest = sequenceNumber;
        _depth.Reset();
        EnterBuffering(floor: false);
    }

    /// <param name="floor">
    /// Whether the stream has played before, so that packets behind <see cref="_next"/> are late; on a fresh stream
    /// an earlier packet may still become the first to play.
    /// </param>
    private void EnterBuffering(bool floor)
    {
        _phase = JitterBufferPhase.Buffering;
        _hasFloor = floor;
        _phaseHasAudio = false;
        _underrunTicks = 0;
    }

    private void NoteArrival(ushort sequenceNumber)
    {
        if (_phase == JitterBufferPhase.Buffering && (!_phaseHasAudio || RtpSequenceNumber.IsNewer(_start, sequenceNumber)))
        {
            if (!_phaseHasAudio)
            {
                _phaseStarted = _time.GetTimestamp();
                _phaseHasAudio = true;
            }

            _start = sequenceNumber;
        }

        if (RtpSequenceNumber.IsNewer(sequenceNumber, _highest))
        {
            _highest = sequenceNumber;
        }
        else if (sequenceNumber != _highest)
        {
            _counters.Reordered++;
        }
    }

    private bool TryStartPlayout()
    {
        if (!_phaseHasAudio)
        {
            return false;
        }

        var target = _depth.TargetFrames;
        var buffered = RtpSequenceNumber.Delta(_start, _highest) + 1;
        if (buffered < target && _time.GetElapsedTime(_phaseStarted) < target * _options.FrameDuration)
        {
            return false;
        }

        // Numbers between where playout stopped and the first packet of this talkspurt never came.
        SkipTo(_start);
        _anchorSequence = _start;
        _anchorTimestamp = Slot(_start).Timestamp;
        _phase = JitterBufferPhase.Playing;
        _depth.OnPlayoutStarted();
        return true;
    }

    /// <summary>Moves the playout point to <paramref name="sequenceNumber"/>, accounting for every frame passed over.</summary>
    private void SkipTo(ushort sequenceNumber)
    {
        for (; _next != sequenceNumber; _next++)
        {
            ref var slot = ref Slot(_next);
            if (slot.Holds(_next, JitterBufferSlotState.Buffered))
            {
                _counters.Discarded++;
                slot.State = JitterBufferSlotState.Consumed;
            }
            else if (slot.Holds(_next, JitterBufferSlotState.Placeholder))
            {
                slot.State = JitterBufferSlotState.Consumed;
            }
            else
            {
                _counters.Lost++;
                slot.Mark(_next, JitterBufferSlotState.Missed);
            }
        }
    }

    private JitterBufferFrame Conceal(bool advance)
    {
        _counters.Concealed++;
        var sequenceNumber = _next;
        var timestamp = _anchorTimestamp + (uint)(RtpSequenceNumber.Delta(_anchorSequence, sequenceNumber) * _options.SamplesPerFrame);
        if (advance)
        {
            Slot(_next).Mark(_next, JitterBufferSlotState.Missed);
            _next++;
        }

        return new JitterBufferFrame(JitterBufferStatus.Missing, sequenceNumber, timestamp, false, 0);
    }
}
