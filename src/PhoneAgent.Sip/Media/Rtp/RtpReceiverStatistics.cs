namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// Reception statistics for one source, kept the way RFC 3550 Appendix A describes: sequence validation and the
/// extended highest sequence number (A.1), expected/lost/fraction lost (A.3) and interarrival jitter (A.8). Feed it
/// every RTP packet of the source, then call <see cref="CreateReportBlock"/> when an SR or RR is due.
/// </summary>
/// <remarks>
/// Not thread-safe: one owner feeds it and reports from it. When the peer's SSRC changes, start a new instance.
/// Time is passed in rather than read, so the caller decides which clock (a <see cref="TimeProvider"/>) drives it.
/// </remarks>
public sealed class RtpReceiverStatistics
{
    // Appendix A.1: a source is valid after two in-sequence packets; a jump of up to 3000 ahead is loss, up to 100
    // behind is misordering, anything else is a restart that must be confirmed by the packet after it.
    private const int MinSequential = 2;
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private const int SequenceModulus = 1 << 16;

    private bool _heard;
    private int _probation;
    private ushort _maxSequence;
    private uint _cycles;
    private uint _baseSequence;
    private uint _badSequence;
    private uint _received;
    private long _expectedPrior;
    private uint _receivedPrior;

    private bool _hasTransit;
    private int _transit;
    private long _scaledJitter;

    private bool _hasSenderReport;
    private uint _lastSenderReport;
    private TimeSpan _lastSenderReportArrival;

    /// <summary>Creates statistics for the source <paramref name="ssrc"/>.</summary>
    public RtpReceiverStatistics(uint ssrc)
    {
        Ssrc = ssrc;
    }

    /// <summary>The source these statistics describe.</summary>
    public uint Ssrc { get; }

    /// <summary>Whether enough in-sequence packets have arrived to trust the source (A.1 probation passed).</summary>
    public bool IsValidated => _heard && _probation == 0;

    /// <summary>Packets counted since the source was validated, duplicates included (A.3 notes they can make loss negative).</summary>
    public uint PacketsReceived => _received;

    /// <summary>The wrap count in the high 16 bits and the highest sequence number seen in the low 16.</summary>
    public uint ExtendedHighestSequenceNumber => _cycles + _maxSequence;

    /// <summary>Packets expected since validation: the extended highest sequence number minus the first, plus one.</summary>
    public long PacketsExpected => IsValidated ? (long)ExtendedHighestSequenceNumber - _baseSequence + 1 : 0;

    /// <summary>Expected minus received, clamped to the 24-bit signed range of the report block field (A.3).</summary>
    public int CumulativeLost => (int)Math.Clamp(PacketsExpected - _received, RtcpReportBlock.MinCumulativeLost, RtcpReportBlock.MaxCumulativeLost);

    /// <summary>The interarrival jitter estimate in timestamp units (A.8).</summary>
    public uint Jitter => (uint)Math.Min(_scaledJitter >> 4, uint.MaxValue);

    /// <summary>
    /// Accounts for one received packet. Returns false while the source is on probation, and for a lone packet far
    /// from the expected sequence (A.1): such packets are not counted, although the caller may still play them.
    /// </summary>
    /// <param name="sequenceNumber">The packet's sequence number.</param>
    /// <param name="timestamp">The packet's RTP timestamp.</param>
    /// <param name="arrival">The arrival time in the same clock units, e.g. from <see cref="RtpTimestamp.FromElapsed"/>.</param>
    public bool Update(ushort sequenceNumber, uint timestamp, uint arrival)
    {
        UpdateJitter(timestamp, arrival);
        if (!_heard)
        {
            _heard = true;
            Restart(sequenceNumber);
            _maxSequence = (ushort)(sequenceNumber - 1);
            _probation = MinSequential;
        }

        var delta = (ushort)(sequenceNumber - _maxSequence);
        if (_probation > 0)
        {
            if (sequenceNumber != (ushort)(_maxSequence + 1))
            {
                _probation = MinSequential - 1;
                _maxSequence = sequenceNumber;
                return false;
            }

            _probation--;
            _maxSequence = sequenceNumber;
            if (_probation > 0)
            {
                return false;
            }

            Restart(sequenceNumber);
        }
        else if (delta < MaxDropout)
        {
            if (sequenceNumber < _maxSequence)
            {
                _cycles += SequenceModulus;
            }

            _maxSequence = sequenceNumber;
        }
        else if (delta <= SequenceModulus - MaxMisorder)
        {
            if (sequenceNumber != _badSequence)
            {
                _badSequence = (uint)((sequenceNumber + 1) & (SequenceModulus - 1));
                return false;
            }

            // Two sequential packets after a big jump: the sender restarted its sequence without a new SSRC.
            Restart(sequenceNumber);
        }

        // Anything else is a duplicate or a reordered packet from before the highest: counted, A.3 sorts it out.
        _received++;
        return true;
    }

    /// <summary>Notes the arrival of an SR from this source, for the LSR and DLSR fields of our next report block.</summary>
    /// <param name="ntpTimestamp">The NTP timestamp from the SR's sender info.</param>
    /// <param name="arrival">When it arrived, on the same monotonic clock later passed to <see cref="CreateReportBlock"/>.</param>
    public void OnSenderReport(ulong ntpTimestamp, TimeSpan arrival)
    {
        _hasSenderReport = true;
        _lastSenderReport = NtpTime.ToCompact(ntpTimestamp);
        _lastSenderReportArrival = arrival;
    }

    /// <summary>
    /// Builds the report block for this source and starts a new reporting interval: fraction lost covers the packets
    /// since the previous call (A.3). A source still on probation reports nothing lost.
    /// </summary>
    /// <param name="now">The current time on the clock passed to <see cref="OnSenderReport"/>.</param>
    public RtcpReportBlock CreateReportBlock(TimeSpan now)
    {
        var expected = PacketsExpected;
        var expectedInterval = expected - _expectedPrior;
        var receivedInterval = (long)_received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = _received;
        var lostInterval = expectedInterval - receivedInterval;
        var fraction = expectedInterval <= 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min((lostInterval << 8) / expectedInterval, 255);
        return new RtcpReportBlock(
            Ssrc,
            fraction,
            CumulativeLost,
            ExtendedHighestSequenceNumber,
            Jitter,
            _hasSenderReport ? _lastSenderReport : 0,
            _hasSenderReport ? NtpTime.ToCompactDuration(now - _lastSenderReportArrival) : 0);
    }

    private void Restart(ushort sequenceNumber)
    {
        _baseSequence = sequenceNumber;
        _maxSequence = sequenceNumber;
        _badSequence = SequenceModulus + 1;
        _cycles = 0;
        _received = 0;
        _receivedPrior = 0;
        _expectedPrior = 0;
    }

    private void UpdateJitter(uint timestamp, uint arrival)
    {
        // A.8: J += (|D| - J) / 16, kept scaled by 16 in integers. The transit difference is taken modulo 2^32 so that
        // wrapped timestamps and arrival times still subtract correctly.
        var transit = (int)(arrival - timestamp);
        if (_hasTransit)
        {
            long d = (int)((uint)transit - (uint)_transit);
            _scaledJitter += Math.Abs(d) - ((_scaledJitter + 8) >> 4);
        }

        _transit = transit;
        _hasTransit = true;
    }
}
