using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>
/// A call that reached the bot through two Record-Routing proxies (two Vias below the nearest one's): the 200 goes
/// back along the Vias with the Record-Route rows echoed, and the bot's BYE follows the route set, loose-routed to
/// the nearest proxy with the caller's Contact as its Request-URI (RFC 3261 §12.1.1, §12.2.1.1, §16.12).
/// </summary>
public sealed class ProxiedCallTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Bye_from_the_bot_follows_the_route_set_through_the_proxies()
    {
        using var proxy = new RawUdpClient();
        await using var bot = BotInstance.Start(new RecordingCallHandler { HangUpWhenAnswered = true }, o => o with { RingingTime = TimeSpan.Zero });
        var body = RawSip.PcmuOffer;
        proxy.Send(bot.EndPoint, $"""
            INVITE sip:bot@127.0.0.1:{bot.Agent.Port} SIP/2.0
            Via: SIP/2.0/UDP 127.0.0.1:{"{port}"};branch=z9hG4bKproxy1
            Via: SIP/2.0/UDP 198.51.100.4:5060;branch=z9hG4bKedge1
            Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKcaller1
            Record-Route: <sip:127.0.0.1:{"{port}"};lr>
            Record-Route: <sip:198.51.100.4;lr>
            Max-Forwards: 68
            From: <sip:caller@example.org>;tag=c1
            To: <sip:bot@example.org>
            Call-ID: proxied-1
            CSeq: 1 INVITE
            Contact: <sip:caller@192.0.2.10:5060>
            Content-Type: application/sdp
            Content-Length: {body.Length}

            {body}
            """);

        var ok = await proxy.ReceiveFinalAsync();
        Assert.Equal(200, ok.StatusCode);
        // §8.2.6.2 / §18.2.2: the response carries every Via; §12.1.1: the Record-Route rows come back in order.
        Assert.Equal(["z9hG4bKproxy1", "z9hG4bKedge1", "z9hG4bKcaller1"], ok.Vias.Select(v => v.Branch));
        Assert.Equal([$"sip:127.0.0.1:{proxy.Port};lr", "sip:198.51.100.4;lr"], ok.RecordRoutes.Select(r => r.Uri.ToString()));
        proxy.Send(bot.EndPoint, $"""
            ACK {ok.Contacts[0].Uri} SIP/2.0
            Via: SIP/2.0/UDP 127.0.0.1:{"{port}"};branch=z9hG4bKproxy2
            Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKcaller2
            Max-Forwards: 69
            From: <sip:caller@example.org>;tag=c1
            To: {ok.To}
            Call-ID: proxied-1
            CSeq: 1 ACK
            Content-Length: 0


            """);

        // The bot hangs up once the ACK is in: its BYE comes to the nearest proxy, not to the caller's Contact.
        var bye = await proxy.ReceiveRequestAsync();
        Assert.Equal("BYE", bye.Method);
        Assert.Equal("sip:caller@192.0.2.10:5060", bye.RequestUri.ToString());
        Assert.Equal([$"sip:127.0.0.1:{proxy.Port};lr", "sip:198.51.100.4;lr"], bye.Routes.Select(r => r.Uri.ToString()));
        Assert.Single(bye.Vias);
        proxy.SendBytes(bot.EndPoint, SipResponse.CreateFor(bye, 200).ToBytes());
        var call = Assert.Single(bot.Handler.Calls);
        Assert.Equal(CallEndCause.LocalHangup, (await call.Completion.WaitAsync(Bounded)).Cause);
    }
}
