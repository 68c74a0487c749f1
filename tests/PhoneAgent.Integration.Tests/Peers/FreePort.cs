using System.Net;
using System.Net.Sockets;

namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>
/// Finds ports on 127.0.0.1 that are free right now, by binding port 0 and letting the kernel choose.
/// Tools such as sipp and baresip cannot be handed a bound socket, so the port is released before the
/// tool binds it; the runners retry when that small race is lost.
/// </summary>
public static class FreePort
{
    private const int Attempts = 50;

    /// <summary>The only address peers bind to.</summary>
    public static IPAddress Loopback => IPAddress.Loopback;

    /// <summary>A UDP port that is free on 127.0.0.1.</summary>
    public static int Udp()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>A TCP port that is free on 127.0.0.1.</summary>
    public static int Tcp()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>
    /// A port free for both UDP and TCP, as a SIP endpoint needs: RFC 3261 18 has every UA listen on
    /// both transports at the same port.
    /// </summary>
    public static int UdpAndTcp()
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(Loopback, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            if (TryBindUdp(port, out var udp))
            {
                udp!.Dispose();
                return port;
            }
        }
        throw new InvalidOperationException($"No port free for both UDP and TCP on {Loopback} after {Attempts} attempts.");
    }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive free UDP ports. RTP tools bind runs of ports:
    /// sipp takes its media port and media port + 2 (audio and video), and RTCP sits on RTP + 1
    /// (RFC 3550 11).
    /// </summary>
    public static int UdpBlock(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var first = Udp();
            if (first + count - 1 > IPEndPoint.MaxPort) continue;
            var held = new List<Socket>(count);
            try
            {
                for (var port = first; port < first + count; port++)
                {
                    if (!TryBindUdp(port, out var socket)) break;
                    held.Add(socket!);
                }
                if (held.Count == count) return first;
            }
            finally
            {
                foreach (var socket in held) socket.Dispose();
            }
        }
        throw new InvalidOperationException($"No run of {count} free UDP ports on {Loopback} after {Attempts} attempts.");
    }

    private static bool TryBindUdp(int port, out Socket? socket)
    {
        socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            socket.Dispose();
            socket = null;
            return false;
        }
    }
}
