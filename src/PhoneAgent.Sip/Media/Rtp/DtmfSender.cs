namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// Produces the RFC 4733 packet sequence for one key press: a first packet with the marker bit, an update every
/// packet interval with the duration so far, and the final packet with the E bit sent three times (§2.5.1.4). All
/// carry the event's start timestamp. Call <see cref="TryGetNext"/> once per packet interval; nothing is allocated.
/// </summary>
/// <remarks>
/// The caller owns the RTP stream: it stamps each packet with the audio stream's SSRC and next sequence number and the
/// telephone-event payload type. It should also hold back audio while the event is sent, so the far end does not hear
/// the key twice, and resume with a timestamp advanced by the time the event took.
/// </remarks>
public sealed class DtmfSender
{
    /// <summary>The volume sent when none is given: -10 dBm0, a typical keypad level.</summary>
    public const byte DefaultVolume = 10;

    // The final packet is sent this many times, so that losing one does not cut the digit short (§2.5.1.4).
    private const int EndRepetitions = 3;

    private readonly int _clockRate;
    private readonly int _intervalSamples;
    private readonly byte _volume;
    private byte _event;
    private uint _timestamp;
    private int _durationSamples;
    private int _updates;
    private int _sent;
    private int _total;

    /// <summary>Creates a sender for events timed at <paramref name="clockRate"/> Hz, updated every <paramref name="packetInterval"/> (the ptime).</summary>
    public DtmfSender(int clockRate, TimeSpan packetInterval, byte volume = DefaultVolume)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(clockRate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(volume, TelephoneEventPayload.MaxVolume);
        _clockRate = clockRate;
        _intervalSamples = (int)(packetInterval.Ticks * clockRate / TimeSpan.TicksPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(_intervalSamples, 1, nameof(packetInterval));
        _volume = volume;
    }

    /// <summary>Whether packets of the current event remain to be sent.</summary>
    public bool IsSending => _sent < _total;

    /// <summary>The number of packets the current event takes in all, end repetitions included.</summary>
    public int PacketCount => _total;

    /// <summary>Starts a key press, abandoning any event still being sent.</summary>
    /// <param name="digit">0–9, *, # or A–D.</param>
    /// <param name="duration">How long the key is held; at most what the 16-bit duration field holds at this clock rate.</param>
    /// <param name="timestamp">The RTP timestamp at which the event starts, in the audio stream's timeline.</param>
    /// <exception cref="ArgumentOutOfRangeException">The digit is not DTMF, or the duration is not positive or too long.</exception>
    public void Start(char digit, TimeSpan duration, uint timestamp)
    {
        if (!DtmfEvents.TryGetEventCode(digit, out var eventCode))
        {
            throw new ArgumentOutOfRangeException(nameof(digit), digit, "Not a DTMF digit (0-9, *, #, A-D).");
        }

        var samples = duration.Ticks * _clockRate / TimeSpan.TicksPerSecond;
        if (samples < 1 || samples > ushort.MaxValue)
        {
            // Longer events need RFC 4733 §2.5.1.3 segments, which no key press does.
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"Must be between one tick and {ushort.MaxValue} ticks at {_clockRate} Hz.");
        }

        _event = eventCode;
        _timestamp = timestamp;
        _durationSamples = (int)samples;
        _updates = (_durationSamples - 1) / _intervalSamples;
        _sent = 0;
        _total = _updates + EndRepetitions;
    }

    /// <summary>Stops sending the current event. The receiver will end it by its own timeout.</summary>
    public void Cancel() => _sent = _total;

    /// <summary>Gives the packet for this interval, or false when the event is complete.</summary>
    public bool TryGetNext(out DtmfPacket packet)
    {
        if (!IsSending)
        {
            packet = default;
            return false;
        }

        // Updates carry the duration so far, one interval per packet; the final packets carry the whole duration.
        var end = _sent >= _updates;
        var duration = end ? _durationSamples : (_sent + 1) * _intervalSamples;
        packet = new DtmfPacket(_sent == 0, _timestamp, new TelephoneEventPayload(_event, end, _volume, (ushort)duration));
        _sent++;
        return true;
    }
}
