using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>Key presses sent as SIP INFO reach the call as events; other INFO bodies are refused.</summary>
public sealed class DtmfInfoTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private static string Message(string method, string callId, string toTag, int cseq, string contentType = "", string body = "")
    {
        var type = contentType.Length > 0 ? $"Content-Type: {contentType}\n" : string.Empty;
        return $"{method} sip:bot@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:{{port}};branch=z9hG4bK{method}{cseq}{callId};rport\nMax-Forwards: 70\n"
            + $"From: <sip:tester@127.0.0.1>;tag=dtmf\nTo: <sip:bot@127.0.0.1>{toTag}\nCall-ID: {callId}\nCSeq: {cseq} {method}\n"
            + $"Contact: <sip:tester@127.0.0.1:{{port}}>\n{type}Content-Length: {body.Length}\n\n{body}";
    }

    [Fact]
    public async Task Dtmf_relay_and_dtmf_info_become_digits_and_other_bodies_get_415()
    {
        await using var bot = BotInstance.Start(configure: o => o with { RingingTime = TimeSpan.Zero });
        using var caller = new RawUdpClient();
        const string sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";
        caller.Send(bot.EndPoint, Message("INVITE", "dtmf-1", string.Empty, 1, "application/sdp", sdp));
        var ok = await caller.ReceiveFinalAsync();
        Assert.Equal(200, ok.StatusCode);
        var tag = ";tag=" + ok.To!.Tag;
        caller.Send(bot.EndPoint, Message("ACK", "dtmf-1", tag, 1));

        caller.Send(bot.EndPoint, Message("INFO", "dtmf-1", tag, 2, "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
        Assert.Equal(200, (await caller.ReceiveFinalAsync()).StatusCode);
        caller.Send(bot.EndPoint, Message("INFO", "dtmf-1", tag, 3, "application/dtmf", "#"));
        Assert.Equal(200, (await caller.ReceiveFinalAsync()).StatusCode);
        caller.Send(bot.EndPoint, Message("INFO", "dtmf-1", tag, 4, "text/plain", "hello"));
        var refused = await caller.ReceiveFinalAsync();
        Assert.Equal(415, refused.StatusCode);
        Assert.Contains("application/dtmf-relay", refused.Headers.GetFirst("Accept"));

        caller.Send(bot.EndPoint, Message("BYE", "dtmf-1", tag, 5));
        Assert.Equal(200, (await caller.ReceiveFinalAsync()).StatusCode);
        var call = await bot.Handler.FirstCall.WaitAsync(Bound);
        await bot.Handler.EventsDrained(call).WaitAsync(Bound);
        var digits = bot.Handler.EventsOf(call).OfType<CallDtmfReceived>().Select(e => e.Digit).ToArray();
        Assert.Equal(['5', '#'], digits.Select(d => d.Digit));
        Assert.Equal(TimeSpan.FromMilliseconds(160), digits[0].Duration);
    }
}
