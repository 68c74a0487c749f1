using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transport;
using PhoneAgent.Testing;

namespace PhoneAgent.Sip.Tests.Transport;

/// <summary>The transports over real loopback sockets: framing, Via stamping, 400 at the door, stalled streams.</summary>
public sealed class SipTransportLayerTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private readonly ManualTimeProvider _time = new();
    private SipTransportLayer _layer = null!;

    public Task InitializeAsync()
    {
        _layer = new SipTransportLayer(NullLogger.Instance, _time);
        _layer.Start(IPAddress.Loopback, 0);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _layer.DisposeAsync();

    private static string Options(string callId, string via = "SIP/2.0/UDP 10.9.9.9:5062;branch=z9hG4bKabc;rport") =>
        $"OPTIONS sip:bot@127.0.0.1 SIP/2.0\r\nVia: {via}\r\nMax-Forwards: 70\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:bot@127.0.0.1>\r\nCall-ID: {callId}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    private async Task<SipInboundMessage> NextAsync()
    {
        using var cts = new CancellationTokenSource(Bound);
        return await _layer.Inbound.ReadAsync(cts.Token);
    }

    [Fact]
    public async Task Udp_request_gets_received_and_rport_stamped_on_its_top_via()
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        client.SendTo(Encoding.ASCII.GetBytes(Options("udp-1")), new IPEndPoint(IPAddress.Loopback, _layer.Port));
        var inbound = await NextAsync();
        var via = inbound.Message.TopVia!;
        // RFC 3261 §18.2.1 and RFC 3581 §4.
        Assert.Equal("127.0.0.1", via.Received);
        Assert.Equal(((IPEndPoint)client.LocalEndPoint!).Port, via.RportValue);
        Assert.Equal(SipTransportKind.Udp, inbound.Transport);
        var destination = SipTransportLayer.ResponseDestination(inbound);
        Assert.Equal(client.LocalEndPoint, destination.EndPoint);
    }

    [Fact]
    public async Task Tcp_keeps_complete_messages_that_precede_a_partial_one()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _layer.Port);
        var stream = client.GetStream();
        var third = Options("tcp-3", "SIP/2.0/TCP 127.0.0.1:5062;branch=z9hG4bK3");
        var batch = Options("tcp-1", "SIP/2.0/TCP 127.0.0.1:5062;branch=z9hG4bK1") + Options("tcp-2", "SIP/2.0/TCP 127.0.0.1:5062;branch=z9hG4bK2") + third[..40];
        await stream.WriteAsync(Encoding.ASCII.GetBytes(batch));
        Assert.Equal("tcp-1", (await NextAsync()).Message.CallId);
        Assert.Equal("tcp-2", (await NextAsync()).Message.CallId);
        Assert.False(_layer.Inbound.TryRead(out _));
        await stream.WriteAsync(Encoding.ASCII.GetBytes(third[40..]));
        var last = await NextAsync();
        Assert.Equal("tcp-3", last.Message.CallId);
        Assert.NotNull(last.Connection);
    }

    [Fact]
    public async Task Tcp_connection_with_a_stalled_partial_message_is_closed_after_the_timeout()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _layer.Port);
        var stream = client.GetStream();
        // RFC 4475 clerr over a stream: Content-Length promises more body than ever arrives.
        var message = Options("clerr", "SIP/2.0/TCP 127.0.0.1:5062;branch=z9hG4bKc").Replace("Content-Length: 0", "Content-Length: 9999", StringComparison.Ordinal) + "short body";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(message));
        // The receive loop must have seen the partial data and armed its deadline before the clock moves.
        var buffer = new byte[16];
        var readTask = stream.ReadAsync(buffer).AsTask();
        var before = _layer.Counters.StreamsClosedOnFramingError;
        Assert.True(SpinWait.SpinUntil(() => _time.ActiveTimerCount > 0, Bound), "no deadline armed for the partial message");
        _time.Advance(TcpSipConnection.PartialMessageTimeout + TimeSpan.FromSeconds(1));
        var n = await readTask.WaitAsync(Bound);
        Assert.Equal(0, n);
        Assert.Equal(before + 1, _layer.Counters.StreamsClosedOnFramingError);
    }

    [Fact]
    public async Task Tcp_waits_for_room_in_a_full_queue_instead_of_dropping()
    {
        // Nothing retransmits over TCP, so a full queue must push back on the stream rather than shed.
        await using var small = new SipTransportLayer(NullLogger.Instance, _time, inboundCapacity: 1);
        small.Start(IPAddress.Loopback, 0);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, small.Port);
        var batch = string.Concat(Enumerable.Range(1, 5).Select(i => Options($"full-{i}", $"SIP/2.0/TCP 127.0.0.1:5062;branch=z9hG4bKf{i}")));
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(batch));
        using var cts = new CancellationTokenSource(Bound);
        for (var i = 1; i <= 5; i++)
        {
            var inbound = await small.Inbound.ReadAsync(cts.Token);
            Assert.Equal($"full-{i}", inbound.Message.CallId);
        }
        Assert.Equal(0, small.Counters.QueueFullDropped);
    }
}
