using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// One socket on a <see cref="DatagramReceiverThread"/>. It holds a reference on the socket's handle, so the
/// descriptor cannot be closed and reused by another socket while the epoll set still names it; disposing it
/// unregisters the socket and drops that reference.
/// </summary>
internal sealed class DatagramRegistration : IDisposable
{
    private readonly DatagramReceiverThread _owner;
    private readonly Socket _socket;
    private readonly DatagramHandler _handler;
    private readonly SocketAddress _source;
    private int _released;

    public DatagramRegistration(DatagramReceiverThread owner, ulong token, Socket socket, DatagramHandler handler)
    {
        _owner = owner;
        _socket = socket;
        _handler = handler;
        _source = new SocketAddress(socket.AddressFamily);
        Token = token;
        var added = false;
        socket.SafeHandle.DangerousAddRef(ref added);
        Fd = (int)socket.SafeHandle.DangerousGetHandle();

        // Readiness can be a false alarm (a datagram that fails its checksum is dropped at read time, udp(7)), and a
        // blocking read would then stall every other socket of the thread.
        socket.Blocking = false;
    }

    public ulong Token { get; }

    public int Fd { get; }

    /// <inheritdoc />
    public void Dispose() => _owner.Remove(this);

    /// <summary>Drops the reference on the socket's handle; called once, by the owner, after the socket left the epoll set.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) _socket.SafeHandle.DangerousRelease();
    }

    /// <summary>Reads one datagram and hands it on. Returns false when the socket was closed under us and should leave the set.</summary>
    public bool ReceiveOne(byte[] buffer, ILogger logger)
    {
        int length;
        try
        {
            length = _socket.ReceiveFrom(buffer, SocketFlags.None, _source);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.MessageSize)
        {
            // A false readiness, an ICMP port-unreachable for something we sent, or an oversized datagram.
            return true;
        }

        try
        {
            _handler(buffer.AsSpan(0, length), _source);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Handling a datagram on {EndPoint} failed; datagram dropped", _socket.LocalEndPoint);
        }

        return true;
    }
}
