using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Transport;

/// <summary>
/// A UDP socket with a receive loop. Each datagram is one message (RFC 3261 §18.3); it is parsed on the
/// loop and handed to the sink, which only queues it. Nothing thrown by a datagram can end the loop.
/// </summary>
public sealed class UdpSipTransport : IAsyncDisposable
{
    private const int MaxDatagram = 65535;
    private readonly Socket _socket;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _loopDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;

    private UdpSipTransport(Socket socket, ILogger logger)
    {
        _socket = socket;
        _logger = logger;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The bound address and port.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds a socket; port 0 picks a free one.</summary>
    public static UdpSipTransport Bind(IPEndPoint endPoint, ILogger logger)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6) socket.DualMode = true;
            // Bursts of INVITEs at high call rates outrun a default-sized buffer long before the CPU is busy.
            socket.ReceiveBufferSize = 4 * 1024 * 1024;
            socket.SendBufferSize = 4 * 1024 * 1024;
            // Packet info tells which local address a datagram reached, needed for Contact/SDP when bound to any.
            socket.SetSocketOption(
                endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP,
                SocketOptionName.PacketInformation,
                true);
            socket.Bind(endPoint);
            return new UdpSipTransport(socket, logger);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    internal void Start(ISipTransportSink sink)
    {
        // A dedicated thread blocked in recvmsg is woken by the kernel directly; the async socket path goes
        // through the epoll thread and a thread-pool hop per datagram, which cost more CPU than the SIP work.
        var thread = new Thread(() => ReceiveLoop(sink)) { IsBackground = true, Name = $"sip-udp:{LocalEndPoint.Port}" };
        _loop = _loopDone.Task;
        thread.Start();
    }

    private void ReceiveLoop(ISipTransportSink sink)
    {
        try
        {
            var buffer = GC.AllocateUninitializedArray<byte>(MaxDatagram, pinned: true);
            EndPoint any = LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6
                ? new IPEndPoint(IPAddress.IPv6Any, 0)
                : new IPEndPoint(IPAddress.Any, 0);
            while (!_stop.IsCancellationRequested)
            {
                int length;
                IPPacketInformation packetInfo;
                var remoteEndPoint = any;
                try
                {
                    var flags = SocketFlags.None;
                    length = _socket.ReceiveMessageFrom(buffer, ref flags, ref remoteEndPoint, out packetInfo);
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException e) when (_stop.IsCancellationRequested || e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
                {
                    return;
                }
                catch (SocketException e)
                {
                    // ICMP errors for earlier sends surface here on some stacks; they say nothing about this socket.
                    _logger.LogDebug("UDP receive error {Error}", e.SocketErrorCode);
                    continue;
                }
                Deliver(sink, buffer.AsSpan(0, length), (IPEndPoint)remoteEndPoint, packetInfo);
            }
        }
        finally
        {
            _loopDone.TrySetResult();
        }
    }

    private void Deliver(ISipTransportSink sink, ReadOnlySpan<byte> data, IPEndPoint remote, IPPacketInformation packetInfo)
    {
        try
        {
            var local = new IPEndPoint(packetInfo.Address ?? LocalEndPoint.Address, LocalEndPoint.Port);
            if (IsKeepAlive(data)) return;
            var result = SipMessageParser.ParseDatagram(data);
            if (result.Message is null) sink.OnUnframeable(SipTransportKind.Udp, remote, result.Error);
            // Datagrams never wait: on UDP a full queue sheds load and retransmission recovers (see the sink).
            else _ = sink.OnParsed(result, SipTransportKind.Udp, remote, local, null);
        }
        catch (Exception e)
        {
            // A bug in handling one datagram must not take the listener down with it.
            _logger.LogError(e, "Unhandled error processing a UDP datagram");
        }
    }

    // RFC 5626 §4.4.1 / common practice: bare CRLF or CRLFCRLF datagrams (and STUN-less NAT pings) keep NAT
    // bindings open and carry no message.
    private static bool IsKeepAlive(ReadOnlySpan<byte> data) => data.TrimStart("\r\n"u8).IsEmpty;

    /// <summary>Sends one datagram. UDP send does not block on the peer, so this completes quickly.</summary>
    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data, IPEndPoint remote, CancellationToken cancellationToken) =>
        _socket.SendToAsync(data, SocketFlags.None, remote, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
