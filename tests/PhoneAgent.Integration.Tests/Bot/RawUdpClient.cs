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
    public async Task<SipResponse> ReceiveResponseAsync()
    {
        using var cts = new CancellationTokenSource(ReceiveTimeout);
        var buffer = new byte[65535];
        var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
        var result = SipMessageParser.ParseDatagram(buffer.AsSpan(0, n));
        return result.Message as SipResponse ?? throw new InvalidOperationException($"not a response: {Encoding.UTF8.GetString(buffer, 0, n)}");
    }

    /// <summary>Receives responses until one has a final status code.</summary>
    public async Task<SipResponse> ReceiveFinalAsync()
    {
        while (true)
        {
            var r = await ReceiveResponseAsync();
            if (r.StatusCode >= 200) return r;
        }
    }

    public void Dispose() => _socket.Dispose();
}
