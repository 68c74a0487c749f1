using System.Net;
using System.Net.Sockets;

namespace PhoneAgent.Sip.Media;

/// <summary>
/// A bound RTP/RTCP socket pair on an even/odd port pair (RFC 3550 §11: RTP on an even port, RTCP on the
/// next one). Held for the life of a call; disposing returns the ports to the allocator.
/// </summary>
public sealed class RtpPortLease : IDisposable
{
    private readonly Action<int> _release;
    private int _disposed;

    internal RtpPortLease(Socket rtp, Socket rtcp, Action<int> release)
    {
        Rtp = rtp;
        Rtcp = rtcp;
        _release = release;
        RtpEndPoint = (IPEndPoint)rtp.LocalEndPoint!;
    }

    /// <summary>The bound RTP socket.</summary>
    public Socket Rtp { get; }

    /// <summary>The bound RTCP socket (RTP port + 1).</summary>
    public Socket Rtcp { get; }

    /// <summary>Local RTP address and port.</summary>
    public IPEndPoint RtpEndPoint { get; }

    /// <summary>The RTP port advertised in SDP.</summary>
    public int Port => RtpEndPoint.Port;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Rtp.Dispose();
        Rtcp.Dispose();
        _release(Port);
    }
}
