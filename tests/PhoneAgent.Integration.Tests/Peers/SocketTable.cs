using System.Globalization;
using System.Net;

namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>
/// Reads the kernel's socket tables (/proc/net/udp and /proc/net/tcp, Linux) to tell whether some
/// process has bound a UDP port or listens on a TCP port. This observes a peer's readiness without
/// sending it anything, so the peer's own call counters stay exact.
/// </summary>
internal static class SocketTable
{
    // st column values from the kernel's tcp_states.h: TCP_LISTEN, and TCP_CLOSE as shown for bound UDP sockets.
    private const string TcpListen = "0A";
    private const string UdpBound = "07";

    /// <summary>True when a socket is bound to <paramref name="endPoint"/> (or to 0.0.0.0 on its port).</summary>
    public static bool IsBound(PeerTransport transport, IPEndPoint endPoint)
    {
        var (table, state) = transport == PeerTransport.Udp ? ("/proc/net/udp", UdpBound) : ("/proc/net/tcp", TcpListen);
        var wanted = Hex(endPoint.Address);
        var any = Hex(IPAddress.Any);
        foreach (var line in File.ReadLines(table).Skip(1))
        {
            // "  12: 0100007F:3C28 00000000:0000 07 ...": slot, local address:port, remote, state.
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || fields[3] != state) continue;
            var local = fields[1].Split(':');
            if (local.Length != 2 || !int.TryParse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port)) continue;
            if (port == endPoint.Port && (local[0] == wanted || local[0] == any)) return true;
        }
        return false;
    }

    // The kernel prints the IPv4 address as one 32-bit number in host byte order (little-endian here).
    private static string Hex(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        Array.Reverse(bytes);
        return Convert.ToHexString(bytes);
    }
}
