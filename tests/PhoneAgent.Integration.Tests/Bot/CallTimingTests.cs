using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Testing;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>
/// Ringing time and the 2xx/ACK handshake on virtual time, over real UDP: the clock only moves when the
/// test says so, so every retransmission is asserted at its RFC instant without sleeping.
/// </summary>
public sealed class CallTimingTests
{
    private static readonly TimeSpan T1 = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Rings_for_the_configured_time_then_answers()
    {
        var time = new ManualTimeProvider();
        await using var bot = BotInstance.Start(configure: o => o with { RingingTime = TimeSpan.FromSeconds(3) }, timeProvider: time);
        using var caller = new RawUdpClient();
        caller.Send(bot.EndPoint, RawSip.Invite("ring-1", RawSip.Offer("8 0"), fromTag: "caller1"));
        Assert.Equal(100, (await caller.ReceiveResponseAsync()).StatusCode);
        var ringing = await caller.ReceiveResponseAsync();
        Assert.Equal(180, ringing.StatusCode);
        Assert.NotNull(ringing.To!.Tag);
        Assert.NotEmpty(ringing.Contacts);

        time.Advance(TimeSpan.FromSeconds(2.9));
        caller.Send(bot.EndPoint, "OPTIONS sip:bot@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bKprobe\nMax-Forwards: 70\nFrom: <sip:t@127.0.0.1>;tag=p\nTo: <sip:bot@127.0.0.1>\nCall-ID: probe\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n");
        // Still ringing: the next thing on the wire is the OPTIONS answer, not a 200 for the INVITE.
        Assert.Equal("probe", (await caller.ReceiveResponseAsync()).CallId);

        time.Advance(TimeSpan.FromSeconds(0.1));
        var ok = await caller.ReceiveResponseAsync();
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal(ringing.To!.Tag, ok.To!.Tag);
        Assert.Equal("application/sdp", ok.ContentType);
        // PCMU is our first preference and the offer has it, so it wins over the offerer's PCMA-first order.
        Assert.Contains("m=audio ", System.Text.Encoding.UTF8.GetString(ok.Body.Span));
        Assert.Contains("RTP/AVP 0", System.Text.Encoding.UTF8.GetString(ok.Body.Span));

        // Finish the call properly: the bot's shutdown waits (on this virtual clock) for calls to end.
        var call = await bot.Handler.FirstCall.WaitAsync(TimeSpan.FromSeconds(5));
        caller.Send(bot.EndPoint, RawSip.Request("ACK", "ring-1", 1, ok.To!.Tag!, "caller1"));
        caller.Send(bot.EndPoint, RawSip.Request("BYE", "ring-1", 2, ok.To!.Tag!, "caller1"));
        Assert.Equal(CallEndCause.RemoteHangup, (await call.Completion.WaitAsync(TimeSpan.FromSeconds(5))).Cause);
    }

    [Fact]
    public async Task Unacknowledged_200_is_retransmitted_then_the_bot_hangs_up_with_bye()
    {
        var time = new ManualTimeProvider();
        await using var bot = BotInstance.Start(configure: o => o with { RingingTime = TimeSpan.Zero }, timeProvider: time);
        using var caller = new RawUdpClient();
        caller.Send(bot.EndPoint, RawSip.Invite("noack-1", RawSip.Offer("8 0"), fromTag: "caller1"));
        Assert.Equal(100, (await caller.ReceiveResponseAsync()).StatusCode);
        Assert.Equal(200, (await caller.ReceiveResponseAsync()).StatusCode);
        var call = await bot.Handler.FirstCall.WaitAsync(TimeSpan.FromSeconds(5));

        // RFC 3261 §13.3.1.4: retransmit at T1, 2T1, 4T1, capped at T2 (4 s).
        var elapsed = TimeSpan.Zero;
        var retransmissions = 0;
        var interval = T1;
        while (elapsed + interval < T1 * 64)
        {
            time.Advance(interval);
            elapsed += interval;
            Assert.Equal(200, (await caller.ReceiveResponseAsync()).StatusCode);
            retransmissions++;
            interval = interval * 2 < TimeSpan.FromSeconds(4) ? interval * 2 : TimeSpan.FromSeconds(4);
        }
        Assert.True(retransmissions >= 9, $"only {retransmissions} retransmissions");
        Assert.Equal(SipCallState.Answering, call.State);

        // At 64*T1 without an ACK the UAS core must end the dialog with BYE.
        time.Advance(T1 * 64 - elapsed);
        var ended = await call.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(CallEndCause.NoAck, ended.Cause);
        var bye = await caller.ReceiveRequestAsync();
        Assert.Equal(SipMethods.Bye, bye.Method);
        Assert.Equal("noack-1", bye.CallId);
    }
}
