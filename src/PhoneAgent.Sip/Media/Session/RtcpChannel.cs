using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// A session's RTCP socket (RFC 3550 §6): accepts the peer's compound packets from the latched address only, keeps the
/// statistics of the peer's RTP stream that our report blocks describe, and sends our reports and the final BYE to
/// where the peer's RTCP comes from. Thread-safe: the receive thread files packets while the clock thread reports.
/// </summary>
internal sealed class RtcpChannel
{
    private readonly Lock _gate = new();
    private readonly RtcpReporter _reporter;
    private readonly Socket _socket;
    private readonly SymmetricRtpLatch _latch;
    private readonly ILogger _logger;
    private readonly byte[] _buffer = new byte[1500];
    private RtpReceiverStatistics? _peer;
    private IPEndPoint? _source;
    private long _sent;
    private long _received;

    public RtcpChannel(RtcpReporter reporter, Socket socket, SymmetricRtpLatch latch, ILogger logger)
    {
        _reporter = reporter;
        _socket = socket;
        _latch = latch;
        _logger = logger;
    }

    public long Sent => Interlocked.Read(ref _sent);

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Whether the randomised report interval has passed.</summary>
    public bool IsDue => _reporter.IsDue;

    /// <summary>The RFC 3550 §6.4.1 interarrival jitter of the peer's stream in milliseconds.</summary>
    public double JitterMilliseconds(int clockRate)
    {
        lock (_gate) return _peer is null ? 0 : _peer.Jitter * 1000.0 / clockRate;
    }

    /// <summary>Counts an RTP packet accepted from the peer; a new SSRC starts new statistics.</summary>
    public void OnRtp(RtpHeader header, int clockRate)
    {
        lock (_gate)
        {
            if (_peer is null || _peer.Ssrc != header.Ssrc) _peer = new RtpReceiverStatistics(header.Ssrc);
            _peer.Update(header.SequenceNumber, header.Timestamp, RtpTimestamp.FromElapsed(_reporter.Now, clockRate));
        }
    }

    /// <summary>Files a datagram from the RTCP socket; returns why it was dropped, or null if it was taken.</summary>
    public RtpDropReason? OnDatagram(ReadOnlySpan<byte> datagram, SocketAddress address)
    {
        var source = SymmetricRtpLatch.ToEndPoint(address);
        var latched = _latch.Latched;
        if (latched is null || !latched.Address.Equals(source.Address)) return RtpDropReason.UnexpectedSource;
        if (!RtcpCompoundReader.TryValidate(datagram, out _)) return RtpDropReason.MalformedRtcp;
        Interlocked.Increment(ref _received);
        Volatile.Write(ref _source, source);
        lock (_gate) _reporter.Read(datagram, _peer);
        return null;
    }

    /// <summary>Forgets where the peer's RTCP came from after a re-INVITE moved it.</summary>
    public void ForgetSource() => Volatile.Write(ref _source, null);

    /// <summary>Sends a report, followed by a BYE when <paramref name="goodbye"/> is set. Never throws for the network's sake.</summary>
    public void Send(PacedSender sender, bool goodbye)
    {
        int length;
        lock (_gate) length = _reporter.Write(_buffer, sender, _peer, goodbye);
        var destination = Volatile.Read(ref _source) ?? RtcpDestination(_latch.Destination);
        if (length == 0 || destination.Address.Equals(IPAddress.Any) || destination.Address.Equals(IPAddress.IPv6Any)) return;
        try
        {
            _socket.SendTo(_buffer.AsSpan(0, length), SocketFlags.None, destination);
            Interlocked.Increment(ref _sent);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Unreachable, or the call already closed its sockets: the peer's RTCP timeout covers a lost report.
            _logger.LogDebug(e, "RTCP send to {EndPoint} failed", destination);
        }
    }

    // RFC 3550 §11: without a=rtcp (RFC 3605) RTCP runs on the RTP port plus one.
    private static IPEndPoint RtcpDestination(IPEndPoint rtp) => new(rtp.Address, rtp.Port + 1);
}
