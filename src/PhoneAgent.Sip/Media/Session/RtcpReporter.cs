using System.Text;
using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// The RTCP half of a session (RFC 3550 §6): decides when a report is due, writes SR or RR plus SDES CNAME, and reads
/// the peer's SRs so that our report blocks carry LSR and DLSR for its round-trip estimate. Not thread-safe; the
/// <see cref="RtcpChannel"/> calls it under its own lock.
/// </summary>
internal sealed class RtcpReporter
{
    private readonly TimeProvider _time;
    private readonly uint _ssrc;
    private readonly byte[] _cname;
    private readonly TimeSpan _interval;
    private readonly long _epoch;
    private TimeSpan _nextReport;
    private long _packetsAtLastReport;

    public RtcpReporter(TimeProvider time, uint ssrc, string cname, TimeSpan interval)
    {
        _time = time;
        _ssrc = ssrc;
        _cname = Encoding.UTF8.GetBytes(cname.Length > RtcpCompoundWriter.MaxTextLength ? cname[..RtcpCompoundWriter.MaxTextLength] : cname);
        _interval = interval;
        _epoch = time.GetTimestamp();

        // §6.2: the first report may go out after half the minimum interval, so a short call still sends one.
        _nextReport = Randomised() / 2;
    }

    /// <summary>The time since the session started, the clock that LSR/DLSR arithmetic runs on.</summary>
    public TimeSpan Now => _time.GetElapsedTime(_epoch);

    /// <summary>Whether the randomised interval has passed since the last report.</summary>
    public bool IsDue => Now >= _nextReport;

    /// <summary>
    /// Writes the next compound report into <paramref name="destination"/>: an SR when we sent RTP since the last one
    /// (§6.4), else an RR, with one report block when the peer's stream has been heard, then SDES CNAME (§6.1), then
    /// when <paramref name="goodbye"/> is set a BYE for our source, last as §6.1 requires. Returns 0 if it did not fit.
    /// </summary>
    public int Write(Span<byte> destination, PacedSender sender, RtpReceiverStatistics? received, bool goodbye)
    {
        _nextReport = Now + Randomised();
        Span<RtcpReportBlock> blocks = stackalloc RtcpReportBlock[1];
        var count = 0;
        if (received is { IsValidated: true })
        {
            blocks[0] = received.CreateReportBlock(Now);
            count = 1;
        }

        var writer = new RtcpCompoundWriter(destination);
        var packets = sender.PacketsSent;
        var written = packets != _packetsAtLastReport
            ? writer.TryWriteSenderReport(_ssrc, new RtcpSenderInfo(NtpTime.FromDateTimeOffset(_time.GetUtcNow()), sender.LastTimestamp, (uint)packets, (uint)sender.OctetsSent), blocks[..count])
            : writer.TryWriteReceiverReport(_ssrc, blocks[..count]);
        _packetsAtLastReport = packets;
        if (!written || !writer.TryWriteSourceDescription(_ssrc, _cname)) return 0;
        return !goodbye || writer.TryWriteGoodbye([_ssrc], default) ? writer.BytesWritten : 0;
    }

    /// <summary>Reads a validated compound packet, noting SRs from the peer's source for LSR/DLSR.</summary>
    public void Read(ReadOnlySpan<byte> datagram, RtpReceiverStatistics? received)
    {
        var reader = new RtcpCompoundReader(datagram);
        while (reader.TryRead(out var packet))
        {
            if ((RtcpPacketType)packet.Type == RtcpPacketType.SenderReport
                && RtcpReport.TryParse(packet, out var report, out _)
                && received is not null
                && report.Ssrc == received.Ssrc)
            {
                received.OnSenderReport(report.SenderInfo.NtpTimestamp, Now);
            }
        }
    }

    // §6.3.1: multiply by a random factor in [0.5, 1.5] so that participants do not synchronise their reports.
    private TimeSpan Randomised() => _interval * (0.5 + Random.Shared.NextDouble());
}
