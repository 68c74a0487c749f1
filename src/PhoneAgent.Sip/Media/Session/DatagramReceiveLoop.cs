using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>Receives datagrams on a socket until cancelled, handing each to a handler; nothing escapes the loop.</summary>
internal static class DatagramReceiveLoop
{
    private const int DatagramCapacity = 2048;

    /// <summary>Runs until <paramref name="cancellationToken"/> fires or the socket is closed.</summary>
    public static async Task RunAsync(Socket socket, Action<ReadOnlyMemory<byte>, IPEndPoint> handle, ILogger logger, CancellationToken cancellationToken)
    {
        var buffer = new byte[DatagramCapacity];
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
                handle(buffer.AsMemory(0, result.ReceivedBytes), (IPEndPoint)result.RemoteEndPoint);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.MessageSize)
            {
                // An ICMP port-unreachable for something we sent, or an oversized datagram: not fatal to the call.
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Receive on {EndPoint} failed; datagram dropped", socket.LocalEndPoint);
            }
        }
    }
}
