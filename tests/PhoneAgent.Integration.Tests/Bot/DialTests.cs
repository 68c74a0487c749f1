using System.Text;
using PhoneAgent.Sip.Auth;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Testing;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>
/// <see cref="SipUserAgent.DialAsync"/> against a hand-driven UAS on a loopback socket: digest challenge, early
/// media, the ACK for the 2xx and its retransmission, the UAC dialog's route set, rejection, CANCEL on giving up.
/// </summary>
public sealed class DialTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Answers_challenge_acknowledges_2xx_and_hands_the_call_to_the_handler()
    {
        using var peer = new RawUdpClient();
        await using var bot = BotInstance.Start(configure: o => o with { EnableTcp = false });
        var digest = new DigestServer("pbx.test", user => user == "dialer" ? "pw" : null, TimeProvider.System);
        var progress = new TaskCompletionSource<DialProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new DialOptions
        {
            Credentials = new DigestCredentials("dialer", "pw"),
            From = NameAddress.Parse("\"Bot\" <sip:bot@pbx.test>"),
            Progress = p => progress.TrySetResult(p),
        };
        var dialing = bot.Agent.DialAsync(Target(peer), options);

        var first = await peer.ReceiveRequestAsync();
        Assert.Equal("INVITE", first.Method);
        Assert.Equal(Target(peer).ToString(), first.RequestUri.ToString());
        Assert.Equal("sip:bot@pbx.test", first.From!.Uri.ToString());
        Assert.NotNull(first.From.Tag);
        Assert.Null(first.To!.Tag);
        var offer = Encoding.UTF8.GetString(first.Body.Span);
        Assert.Contains("a=rtpmap:0 PCMU/8000", offer);
        Assert.Contains("a=rtpmap:8 PCMA/8000", offer);
        Assert.Contains("telephone-event/8000", offer);
        Reply(peer, bot, first, 401, r => r.Headers.Add("WWW-Authenticate", digest.CreateChallenge().ToString()));
        Assert.Equal("ACK", (await peer.ReceiveRequestAsync()).Method);

        var invite = await peer.ReceiveRequestAsync();
        Assert.Equal(DigestVerification.Valid, digest.Verify(invite, "Authorization", out _));
        Assert.Equal(first.CallId, invite.CallId);
        Assert.Equal(first.From.Tag, invite.From!.Tag);
        Assert.True(invite.CSeq!.Number > first.CSeq!.Number);

        Reply(peer, bot, invite, 183, r => Sdp(r, 40002));
        var early = await progress.Task.WaitAsync(Bounded);
        Assert.Equal(183, early.StatusCode);
        Assert.True(early.HasEarlyMedia);

        // Two proxies Record-Route; the UAC's route set is their reverse (RFC 3261 §12.1.2).
        Reply(peer, bot, invite, 200, r =>
        {
            r.Headers.Add("Record-Route", $"<sip:127.0.0.1:{peer.Port};lr;n=near>, <sip:127.0.0.1:{peer.Port};lr;n=far>");
            r.Headers.Add("Contact", $"<sip:callee@127.0.0.1:{peer.Port}>");
            Sdp(r, 40004);
        });
        var call = await dialing.WaitAsync(Bounded);
        var ack = await ReceiveAckAsync(peer);
        Assert.Equal("ACK", ack.Method);
        Assert.Equal($"sip:callee@127.0.0.1:{peer.Port}", ack.RequestUri.ToString());
        Assert.Equal(invite.CSeq.Number, ack.CSeq!.Number);
        Assert.Equal("ACK", ack.CSeq.Method);
        Assert.Equal("callee-tag", ack.To!.Tag);
        Assert.Equal(["far", "near"], ack.Routes.Select(r => r.Uri.Parameters.Get("n")));
        Assert.Equal(invite.Headers.GetFirst("Authorization"), ack.Headers.GetFirst("Authorization"));
        Assert.NotEqual(invite.TopVia!.Branch, ack.TopVia!.Branch);

        Assert.Equal(CallDirection.Outbound, call.Direction);
        Assert.Equal(SipCallState.Active, call.State);
        Assert.Equal(40004, call.Media!.Audio.RemoteRtpEndPoint.Port);
        Assert.Same(call, await bot.Handler.FirstCall.WaitAsync(Bounded));

        // A retransmitted 2xx is acknowledged again with the same ACK (RFC 3261 §13.2.2.4).
        Reply(peer, bot, invite, 200, r =>
        {
            r.Headers.Add("Contact", $"<sip:callee@127.0.0.1:{peer.Port}>");
            Sdp(r, 40004);
        });
        var again = await peer.ReceiveRequestAsync();
        Assert.Equal("ACK", again.Method);
        Assert.Equal(ack.TopVia.Branch, again.TopVia!.Branch);

        var hangup = call.HangupAsync();
        var bye = await peer.ReceiveRequestAsync();
        Assert.Equal("BYE", bye.Method);
        Assert.Equal("callee-tag", bye.To!.Tag);
        Assert.Equal(first.From.Tag, bye.From!.Tag);
        Assert.True(bye.CSeq!.Number > invite.CSeq.Number);
        Assert.Equal(["far", "near"], bye.Routes.Select(r => r.Uri.Parameters.Get("n")));
        Reply(peer, bot, bye, 200, _ => { });
        Assert.Equal(CallEndCause.LocalHangup, (await hangup.WaitAsync(Bounded)).Cause);
    }

    [Fact]
    public async Task Busy_is_a_typed_failure_with_the_status()
    {
        using var peer = new RawUdpClient();
        await using var bot = BotInstance.Start(configure: o => o with { EnableTcp = false });
        var dialing = bot.Agent.DialAsync(Target(peer));
        var invite = await peer.ReceiveRequestAsync();
        Reply(peer, bot, invite, 486, _ => { });
        var failure = await Assert.ThrowsAsync<SipDialException>(() => dialing.WaitAsync(Bounded));
        Assert.Equal(DialFailure.Rejected, failure.Failure);
        Assert.Equal(486, failure.StatusCode);
        Assert.Contains("486 Busy Here", failure.Message);
        // The transaction acknowledges the non-2xx itself, with the INVITE's branch (RFC 3261 §17.1.1.3).
        var ack = await ReceiveAckAsync(peer);
        Assert.Equal("ACK", ack.Method);
        Assert.Equal(invite.TopVia!.Branch, ack.TopVia!.Branch);
        Assert.Empty(bot.Agent.Calls);
    }

    [Fact]
    public async Task Redirect_is_reported_with_where_to_try()
    {
        using var peer = new RawUdpClient();
        await using var bot = BotInstance.Start(configure: o => o with { EnableTcp = false });
        var dialing = bot.Agent.DialAsync(Target(peer));
        Reply(peer, bot, await peer.ReceiveRequestAsync(), 302, r => r.Headers.Add("Contact", "<sip:alice@198.51.100.7>"));
        var failure = await Assert.ThrowsAsync<SipDialException>(() => dialing.WaitAsync(Bounded));
        Assert.Equal(DialFailure.Rejected, failure.Failure);
        Assert.Equal(302, failure.StatusCode);
        Assert.Contains("302 ", failure.Message);
        Assert.Contains("(try sip:alice@198.51.100.7)", failure.Message);
    }

    [Fact]
    public async Task Challenge_without_credentials_fails_naming_the_problem()
    {
        using var peer = new RawUdpClient();
        await using var bot = BotInstance.Start(configure: o => o with { EnableTcp = false });
        var digest = new DigestServer("pbx.test", _ => "pw", TimeProvider.System);
        var dialing = bot.Agent.DialAsync(Target(peer));
        Reply(peer, bot, await peer.ReceiveRequestAsync(), 407, r => r.Headers.Add("Proxy-Authenticate", digest.CreateChallenge().ToString()));
        var failure = await Assert.ThrowsAsync<SipDialException>(() => dialing.WaitAsync(Bounded));
        Assert.Equal(DialFailure.AuthenticationFailed, failure.Failure);
        Assert.Equal(407, failure.StatusCode);
        Assert.Contains("no credentials", failure.Message);
    }

    [Fact]
    public async Task Giving_up_after_ringing_sends_cancel_and_waits_for_487()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2031, 5, 2, 9, 0, 0, TimeSpan.Zero));
        using var peer = new RawUdpClient();
        await using var bot = BotInstance.Start(configure: o => o with { EnableTcp = false }, timeProvider: time);
        var ringing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dialing = bot.Agent.DialAsync(Target(peer), new DialOptions { AnswerTimeout = TimeSpan.FromSeconds(20), Progress = _ => ringing.TrySetResult() });
        var invite = await peer.ReceiveRequestAsync();
        Reply(peer, bot, invite, 180, _ => { });
        // Progress is reported after the 180 stopped Timer A, so advancing the clock cannot retransmit the INVITE.
        await ringing.Task.WaitAsync(Bounded);
        time.Advance(TimeSpan.FromSeconds(20));

        var cancel = await peer.ReceiveRequestAsync();
        Assert.Equal("CANCEL", cancel.Method);
        Assert.Equal(invite.TopVia!.Branch, cancel.TopVia!.Branch);
        Assert.Equal(invite.CSeq!.Number, cancel.CSeq!.Number);
        Assert.Equal(invite.RequestUri.ToString(), cancel.RequestUri.ToString());
        Assert.Equal(invite.To!.ToString(), cancel.To!.ToString());
        Reply(peer, bot, cancel, 200, _ => { });
        Reply(peer, bot, invite, 487, _ => { });

        var failure = await Assert.ThrowsAsync<SipDialException>(() => dialing.WaitAsync(Bounded));
        Assert.Equal(DialFailure.NoAnswer, failure.Failure);
        Assert.Contains("no answer", failure.Message);
        Assert.Equal("ACK", (await peer.ReceiveRequestAsync()).Method);
    }

    [Fact]
    public async Task Remote_hangup_ends_an_outbound_call()
    {
        using var peer = new RawUdpClient();
        await using var bot = BotInstance.Start(configure: o => o with { EnableTcp = false });
        var dialing = bot.Agent.DialAsync(Target(peer));
        var invite = await peer.ReceiveRequestAsync();
        Reply(peer, bot, invite, 200, r =>
        {
            r.Headers.Add("Contact", $"<sip:callee@127.0.0.1:{peer.Port}>");
            Sdp(r, 40006);
        });
        var call = await dialing.WaitAsync(Bounded);
        var ack = await ReceiveAckAsync(peer);
        Assert.Equal("ACK", ack.Method);

        // The callee's BYE: From/To swapped relative to our requests, its own CSeq space.
        var bye = new SipRequest("BYE", invite.Contacts[0].Uri);
        bye.Headers.Add("Via", $"SIP/2.0/UDP 127.0.0.1:{peer.Port};branch=z9hG4bK-bye1");
        bye.Headers.Add("Max-Forwards", "70");
        bye.Headers.Add("From", ack.To!.ToString());
        bye.Headers.Add("To", ack.From!.ToString());
        bye.Headers.Add("Call-ID", ack.CallId!);
        bye.Headers.Add("CSeq", "1 BYE");
        peer.SendBytes(bot.EndPoint, bye.ToBytes());
        var ok = await peer.ReceiveFinalAsync();
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal(CallEndCause.RemoteHangup, (await call.Completion.WaitAsync(Bounded)).Cause);
    }

    // The INVITE's retransmissions (Timer A, RFC 3261 §17.1.1.2) keep coming until our answer reaches the bot, and a
    // slow machine can be later than 500 ms: the ACK is the first request that is not one of them.
    private static async Task<SipRequest> ReceiveAckAsync(RawUdpClient peer)
    {
        while (true)
        {
            var request = await peer.ReceiveRequestAsync();
            if (request.Method != "INVITE") return request;
        }
    }

    private static SipUri Target(RawUdpClient peer) => SipUri.Parse($"sip:callee@127.0.0.1:{peer.Port}");

    private static void Sdp(SipResponse response, int rtpPort)
    {
        response.Headers.Add("Content-Type", "application/sdp");
        response.Body = Encoding.UTF8.GetBytes(RawSip.PcmuOffer.Replace("40000", rtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    private static void Reply(RawUdpClient peer, BotInstance bot, SipRequest request, int status, Action<SipResponse> decorate)
    {
        var response = SipResponse.CreateFor(request, status, toTag: "callee-tag");
        decorate(response);
        peer.SendBytes(bot.EndPoint, response.ToBytes());
    }
}
