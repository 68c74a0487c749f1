using System.Net;
using System.Net.Sockets;
using System.Text;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>A bare UDP socket on 127.0.0.1 for sending hand-written SIP to the bot and reading what comes back.</summary>
public sealed class RawUdpClient : IDisposable
{
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(5);
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public RawUdpClient()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>Sends text, with "{port}" replaced by our port and LF normalised to CRLF.</summary>
    public void Send(IPEndPoint target, string message)
    {
        var text = message.Replace("{port}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).ReplaceLineEndings("\r\n");
        _socket.SendTo(Encoding.UTF8.GetBytes(text), target);
    }

    public void SendBytes(IPEndPoint target, ReadOnlySpan<byte> data) => _socket.SendTo(data, SocketFlags.None, target);

    /// <summary>The next response (parsed), or throws after a bounded wait.</summary>
    public async Task<SipResponse> ReceiveResponseAsync() =>
        await ReceiveAsync() as SipResponse ?? throw new InvalidOperationException("expected a response, got a request");

    /// <summary>The next request (parsed), skipping retransmitted responses, or throws after a bounded wait.</summary>
    public async Task<SipRequest> ReceiveRequestAsync()
    {
        while (true)
        {
            if (await ReceiveAsync() is SipRequest request) return request;
        }
    }

    private async Task<SipMessage> ReceiveAsync()
    {
        using var cts = new CancellationTokenSource(ReceiveTimeout);
        var buffer = new byte[65535];
        var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
        var result = SipMessageParser.ParseDatagram(buffer.AsSpan(0, n));
        return result.Message ?? throw new InvalidOperationException($"unparseable: {Encoding.UTF8.GetString(buffer, 0, n)}");
    }

    /// <summary>
    /// Receives until a response with a final status code, skipping provisional responses and requests: a request
    /// here is the bot retransmitting one the test has already seen, because a virtual clock ran its timers before
    /// the test's answer reached it.
    /// </summary>
    public async Task<SipResponse> ReceiveFinalAsync()
    {
        while (true)
        {
            if (await ReceiveAsync() is SipResponse { StatusCode: >= 200 } r) return r;
        }
    }

    public void Dispose() => _socket.Dispose();
}
