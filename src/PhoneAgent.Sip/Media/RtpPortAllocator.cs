using System.Net;
using System.Net.Sockets;

namespace PhoneAgent.Sip.Media;

/// <summary>
/// Hands out RTP/RTCP port pairs from a configured range, binding both sockets so that the port in the
/// SDP answer is really ours. Ports held by other processes are skipped; a freed pair goes to the back
/// of the queue so a late packet for an ended call does not land on the next call at once.
/// </summary>
public sealed class RtpPortAllocator
{
    private readonly IPAddress _bindAddress;
    private readonly Queue<int> _free = new();
    private readonly object _gate = new();
    private long _allocations;

    /// <summary>Creates an allocator for even ports in [<paramref name="minPort"/>, <paramref name="maxPort"/>].</summary>
    public RtpPortAllocator(IPAddress bindAddress, int minPort, int maxPort)
    {
        if (minPort < 1024 || maxPort > 65535 || minPort > maxPort) throw new ArgumentOutOfRangeException(nameof(minPort), $"RTP port range {minPort}-{maxPort} is invalid");
        _bindAddress = bindAddress;
        for (var p = minPort + (minPort & 1); p + 1 <= maxPort; p += 2) _free.Enqueue(p);
        if (_free.Count == 0) throw new ArgumentOutOfRangeException(nameof(minPort), $"RTP port range {minPort}-{maxPort} holds no even/odd pair");
    }

    /// <summary>Pairs not currently leased.</summary>
    public int Available
    {
        get { lock (_gate) return _free.Count; }
    }

    /// <summary>Pairs handed out since creation (a lease each).</summary>
    public long Allocations => Interlocked.Read(ref _allocations);

    /// <summary>Binds the next free pair, or returns null when the range is exhausted.</summary>
    public RtpPortLease? TryAllocate()
    {
        int attempts;
        lock (_gate) attempts = _free.Count;
        for (var i = 0; i < attempts; i++)
        {
            int port;
            lock (_gate)
            {
                if (!_free.TryDequeue(out port)) return null;
            }
            var rtp = TryBind(port);
            var rtcp = rtp is null ? null : TryBind(port + 1);
            if (rtp is not null && rtcp is not null)
            {
                Interlocked.Increment(ref _allocations);
                return new RtpPortLease(rtp, rtcp, Release);
            }
            rtp?.Dispose();
            Release(port);
        }
        return null;
    }

    private Socket? TryBind(int port)
    {
        var socket = new Socket(_bindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (_bindAddress.AddressFamily == AddressFamily.InterNetworkV6) socket.DualMode = true;
            socket.Bind(new IPEndPoint(_bindAddress, port));
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }

    private void Release(int port)
    {
        lock (_gate) _free.Enqueue(port);
    }
}
