using System.Net.Sockets;
using System.Text;
using PhoneAgent.Integration.Tests.Peers;
using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>A caller whose TCP connection dies while ringing must not leave a call (and its ports) behind.</summary>
public sealed class TransportFailureTests
{
    [Fact]
    public async Task Call_ends_when_the_callers_tcp_connection_is_reset_while_ringing()
    {
        await using var bot = BotInstance.Start(configure: o => o with { RingingTime = TimeSpan.FromMilliseconds(300) });
        // Nothing listens at the sent-by port, so the RFC 3261 §18.2.2 fallback connection is refused too.
        var deadPort = FreePort.Tcp();
        const string sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";
        var invite = $"INVITE sip:bot@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:{deadPort};branch=z9hG4bKreset1\r\nMax-Forwards: 70\r\n"
            + "From: <sip:tester@127.0.0.1>;tag=r1\r\nTo: <sip:bot@127.0.0.1>\r\nCall-ID: reset-1\r\nCSeq: 1 INVITE\r\n"
            + $"Contact: <sip:tester@127.0.0.1:{deadPort};transport=tcp>\r\nContent-Type: application/sdp\r\nContent-Length: {sdp.Length}\r\n\r\n{sdp}";
        var client = new TcpClient();
        await client.ConnectAsync(bot.EndPoint);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(invite));
        var call = await bot.Handler.FirstCall.WaitAsync(TimeSpan.FromSeconds(5));
        client.Client.LingerState = new LingerOption(true, 0);
        client.Dispose();

        var ended = await call.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains(ended.Cause, new[] { CallEndCause.TransportFailure, CallEndCause.NoAck });
        Assert.Empty(bot.Agent.Calls);
    }
}
