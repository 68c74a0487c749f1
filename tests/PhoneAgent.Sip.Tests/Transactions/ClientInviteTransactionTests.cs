using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transactions;
using PhoneAgent.Sip.Transport;
using static PhoneAgent.Sip.Tests.Transactions.TransactionHarness;

namespace PhoneAgent.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.1.1 (Figure 5) with the RFC 6026 Accepted state, on virtual time.</summary>
public sealed class ClientInviteTransactionTests
{
    [Theory]
    [InlineData(500)]
    [InlineData(100)]
    [InlineData(2000)]
    public async Task Udp_Timer_A_doubles_from_T1_without_a_T2_cap_until_Timer_B_times_out(int t1Milliseconds)
    {
        var t1 = TimeSpan.FromMilliseconds(t1Milliseconds);
        var h = new TransactionHarness(new SipTimerOptions { T1 = t1 });
        var tx = h.StartClient(Invite(SipTransportKind.Udp), SipTransportKind.Udp);

        h.AdvanceToJustBefore(t1 * 64);

        // §17.1.1.2: Timer A fires at T1, then 2T1, 4T1, ...; the k-th retransmission is at (2^k - 1)*T1.
        // Six fit before Timer B at 64*T1: seven transmissions in all, with intervals well past T2 (no cap).
        var expected = Enumerable.Range(0, 7).Select(k => t1 * ((1 << k) - 1)).ToArray();
        Assert.Equal(expected, h.Sender.RequestTimes(SipMethods.Invite));
        Assert.False(tx.FinalResponse.IsCompleted);

        h.AdvanceTo(t1 * 64);

        var error = await Assert.ThrowsAsync<SipTransactionException>(() => tx.FinalResponse);
        Assert.Equal(TransactionFailure.Timeout, error.Failure);
        h.AdvanceTo(t1 * 200);
        Assert.Equal(7, h.Sender.RequestTimes(SipMethods.Invite).Length);
        h.AssertDrained();
    }

    [Fact]
    public async Task Tcp_sends_once_and_Timer_B_times_out_at_64_T1()
    {
        var h = new TransactionHarness();
        var tx = h.StartClient(Invite(SipTransportKind.Tcp), SipTransportKind.Tcp);

        h.AdvanceToJustBefore(TimeSpan.FromSeconds(32));
        Assert.False(tx.FinalResponse.IsCompleted);
        h.AdvanceTo(32);

        Assert.Equal(Seconds(0), h.Sender.RequestTimes(SipMethods.Invite));
        var error = await Assert.ThrowsAsync<SipTransactionException>(() => tx.FinalResponse);
        Assert.Equal(TransactionFailure.Timeout, error.Failure);
        h.AssertDrained();
    }

    [Fact]
    public void Provisional_response_stops_Timer_A_and_Timer_B_and_reaches_the_TU()
    {
        var h = new TransactionHarness();
        var provisionals = new List<SipResponse>();
        var invite = Invite(SipTransportKind.Udp);
        var tx = h.StartClient(invite, SipTransportKind.Udp, provisionals);

        h.AdvanceTo(0.7);
        var trying = SipMessageBuilder.Response(invite, 100);
        var ringing = SipMessageBuilder.Response(invite, 180);
        h.Receive(trying, SipTransportKind.Udp);
        h.Receive(ringing, SipTransportKind.Udp);
        h.AdvanceTo(200);

        Assert.Equal(Seconds(0, 0.5), h.Sender.RequestTimes(SipMethods.Invite));
        Assert.Equal([trying, ringing], provisionals);
        // Figure 5: Proceeding has no timer; only a final response (or the TU's CANCEL) moves it on.
        Assert.False(tx.FinalResponse.IsCompleted);
        Assert.Equal(1, h.Layer.ClientCount);
        Assert.Equal(0, h.Time.ActiveTimerCount);
    }

    [Theory]
    [InlineData(SipTransportKind.Udp)]
    [InlineData(SipTransportKind.Tcp)]
    public async Task Success_enters_Accepted_hands_2xx_retransmissions_to_the_TU_and_Timer_M_ends_it(SipTransportKind transport)
    {
        var h = new TransactionHarness();
        var retransmitted = new List<SipResponse>();
        var invite = Invite(transport);
        var tx = h.StartClient(invite, transport, retransmitted2xx: retransmitted);

        h.AdvanceTo(1);
        h.Receive(SipMessageBuilder.Response(invite, 180), transport);
        h.AdvanceTo(2);
        var ok = SipMessageBuilder.Response(invite, 200);
        h.Receive(ok, transport);

        Assert.Same(ok, await tx.FinalResponse);

        h.AdvanceTo(5);
        var okAgain = SipMessageBuilder.Response(invite, 200);
        h.Receive(okAgain, transport);
        // RFC 6026 §8.4: every 2xx retransmission goes to the TU, which owns the ACK for a 2xx (§13.2.2.4).
        Assert.Equal([okAgain], retransmitted);
        Assert.Empty(h.Sender.Requests(SipMethods.Ack));
        Assert.Empty(h.User.StrayResponses);

        // Timer M = 64*T1 from entering Accepted, on every transport.
        h.AdvanceToJustBefore(TimeSpan.FromSeconds(2 + 32));
        Assert.Equal(1, h.Layer.ClientCount);
        h.AdvanceTo(2 + 32);
        h.AssertDrained();

        var late = SipMessageBuilder.Response(invite, 200);
        h.Receive(late, transport);
        Assert.Equal([okAgain], retransmitted);
        Assert.Same(late, Assert.Single(h.User.StrayResponses).Message);
        Assert.Equal(transport == SipTransportKind.Udp ? Seconds(0, 0.5) : Seconds(0), h.Sender.RequestTimes(SipMethods.Invite));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(404)]
    [InlineData(486)]
    [InlineData(503)]
    [InlineData(603)]
    public async Task Non_2xx_final_is_acknowledged_by_the_transaction_with_the_RFC_3261_ACK(int statusCode)
    {
        var h = new TransactionHarness();
        var invite = Invite(SipTransportKind.Udp);
        invite.Headers.Add(HeaderNames.Route, "<sip:edge1.example.net;lr>");
        invite.Headers.Add(HeaderNames.Route, "<sip:edge2.example.net;lr>");
        var tx = h.StartClient(invite, SipTransportKind.Udp);

        h.AdvanceTo(0.2);
        var final = SipMessageBuilder.Response(invite, statusCode, toTag: "8321234356");
        h.Receive(final, SipTransportKind.Udp);

        Assert.Same(final, await tx.FinalResponse);
        var sent = Assert.Single(h.Sender.Sent, s => s.Message is SipRequest { Method: SipMethods.Ack });
        var ack = (SipRequest)sent.Message;
        // §17.1.1.3: same Request-URI, Call-ID, From, CSeq number and single top Via (same branch) as the
        // INVITE; To from the response, with its tag; the INVITE's Route set; sent where the INVITE went.
        Assert.Equal(invite.RequestUri.ToString(), ack.RequestUri.ToString());
        Assert.Equal(invite.TopVia!.ToString(), Assert.Single(ack.Vias).ToString());
        Assert.Equal(invite.TopVia!.Branch, ack.TopVia!.Branch);
        Assert.Equal(invite.CallId, ack.CallId);
        Assert.Equal(invite.Headers.GetFirst(HeaderNames.From), ack.Headers.GetFirst(HeaderNames.From));
        Assert.Equal(new CSeqHeader(invite.CSeq!.Number, SipMethods.Ack), ack.CSeq);
        Assert.Equal("8321234356", ack.To!.Tag);
        Assert.Equal(final.Headers.GetFirst(HeaderNames.To), ack.Headers.GetFirst(HeaderNames.To));
        Assert.Equal(invite.Headers.GetRows(HeaderNames.Route), ack.Headers.GetRows(HeaderNames.Route));
        Assert.Equal(SipParseError.None, ack.Validate());
        Assert.Equal(new SipDestination(SipTransportKind.Udp, Peer), sent.Destination);
    }

    [Fact]
    public void Udp_Completed_answers_each_retransmitted_final_with_the_ACK_and_Timer_D_ends_it_after_32_s()
    {
        var h = new TransactionHarness();
        var invite = Invite(SipTransportKind.Udp);
        h.StartClient(invite, SipTransportKind.Udp);

        h.AdvanceTo(1);
        h.Receive(SipMessageBuilder.Response(invite, 486), SipTransportKind.Udp);
        h.AdvanceTo(2);
        h.Receive(SipMessageBuilder.Response(invite, 486), SipTransportKind.Udp);
        h.AdvanceTo(4);
        h.Receive(SipMessageBuilder.Response(invite, 486), SipTransportKind.Udp);

        Assert.Equal(Seconds(1, 2, 4), h.Sender.RequestTimes(SipMethods.Ack));
        Assert.Same(h.Sender.Requests(SipMethods.Ack).First(), h.Sender.Requests(SipMethods.Ack).Last());
        Assert.Equal(Seconds(0, 0.5), h.Sender.RequestTimes(SipMethods.Invite));
        Assert.Empty(h.User.StrayResponses);

        // §17.1.1.2: Timer D is at least 32 s on unreliable transports.
        h.AdvanceToJustBefore(TimeSpan.FromSeconds(1 + 32));
        Assert.Equal(1, h.Layer.ClientCount);
        h.AdvanceTo(1 + 32);
        h.AssertDrained();
    }

    [Fact]
    public void Timer_D_stays_at_32_s_when_T1_is_small()
    {
        var h = new TransactionHarness(new SipTimerOptions { T1 = TimeSpan.FromMilliseconds(100) });
        var invite = Invite(SipTransportKind.Udp);
        h.StartClient(invite, SipTransportKind.Udp);

        h.Receive(SipMessageBuilder.Response(invite, 404), SipTransportKind.Udp);
        h.AdvanceToJustBefore(TimeSpan.FromSeconds(32));
        Assert.Equal(1, h.Layer.ClientCount);
        h.AdvanceTo(32);
        h.AssertDrained();
    }

    [Fact]
    public async Task Tcp_non_2xx_final_is_acknowledged_once_and_Timer_D_of_zero_ends_it_at_once()
    {
        var h = new TransactionHarness();
        var invite = Invite(SipTransportKind.Tcp);
        var tx = h.StartClient(invite, SipTransportKind.Tcp);

        h.AdvanceTo(3);
        var busy = SipMessageBuilder.Response(invite, 486);
        h.Receive(busy, SipTransportKind.Tcp);

        Assert.Same(busy, await tx.FinalResponse);
        Assert.Equal(Seconds(3), h.Sender.RequestTimes(SipMethods.Ack));
        h.AssertDrained();
    }

    [Fact]
    public async Task Final_after_provisional_is_acknowledged_and_reported()
    {
        var h = new TransactionHarness();
        var invite = Invite(SipTransportKind.Udp);
        var tx = h.StartClient(invite, SipTransportKind.Udp);

        h.Receive(SipMessageBuilder.Response(invite, 180), SipTransportKind.Udp);
        h.AdvanceTo(60);
        var declined = SipMessageBuilder.Response(invite, 603);
        h.Receive(declined, SipTransportKind.Udp);

        Assert.Same(declined, await tx.FinalResponse);
        Assert.Equal(Seconds(60), h.Sender.RequestTimes(SipMethods.Ack));
        h.AdvanceTo(60 + 32);
        h.AssertDrained();
    }

    private static SipRequest Invite(SipTransportKind transport) =>
        SipMessageBuilder.Request(SipMethods.Invite, SipMessageBuilder.NewBranch(), transport.ToViaToken(), sentBy: "198.51.100.1:5060", fromTag: "bot-tag");
}
