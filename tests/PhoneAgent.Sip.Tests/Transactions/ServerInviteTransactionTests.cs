using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transactions;
using PhoneAgent.Sip.Transport;
using static PhoneAgent.Sip.Tests.Transactions.TransactionHarness;

namespace PhoneAgent.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.2.1 (Figure 7) with the RFC 6026 Accepted state, on virtual time.</summary>
public sealed class ServerInviteTransactionTests
{
    [Theory]
    [InlineData(SipTransportKind.Udp)]
    [InlineData(SipTransportKind.Tcp)]
    public void Layer_answers_a_new_INVITE_with_100_Trying_and_hands_the_transaction_to_the_TU(SipTransportKind transport)
    {
        var h = new TransactionHarness();
        var invite = Invite(transport);

        h.Receive(invite, transport);

        var tx = Assert.IsType<ServerInviteTransaction>(Assert.Single(h.User.Requests));
        Assert.Same(invite, tx.Request);
        var sent = Assert.Single(h.Sender.Sent);
        var trying = Assert.IsType<SipResponse>(sent.Message);
        Assert.Equal(100, trying.StatusCode);
        // §8.2.6.2: no To tag on a 100; the Via, Call-ID and CSeq let the caller match it (§17.1.3).
        Assert.Null(trying.To!.Tag);
        Assert.Equal(invite.TopVia!.Branch, trying.TopVia!.Branch);
        Assert.Equal(invite.CSeq, trying.CSeq);
        Assert.Equal(new SipDestination(transport, Peer), sent.Destination);
        Assert.Same(trying, tx.LastResponse);
        Assert.False(tx.HasFinalResponse);
        Assert.Equal(1, h.Layer.ServerCount);
    }

    [Fact]
    public void INVITE_retransmission_in_Proceeding_resends_the_last_provisional()
    {
        var h = new TransactionHarness();
        var invite = Invite(SipTransportKind.Udp);
        h.Receive(invite, SipTransportKind.Udp);
        var tx = (ServerInviteTransaction)h.User.Requests[0];

        h.AdvanceTo(0.5);
        h.Receive(Invite(SipTransportKind.Udp, invite.TopVia!.Branch!), SipTransportKind.Udp);
        h.AdvanceTo(0.8);
        tx.SendResponse(tx.CreateResponse(180, toTag: "bot-tag"));
        h.AdvanceTo(1.5);
        h.Receive(Invite(SipTransportKind.Udp, invite.TopVia!.Branch!), SipTransportKind.Udp);

        Assert.Equal(Seconds(0, 0.5), h.Sender.ResponseTimes(100));
        Assert.Equal(Seconds(0.8, 1.5), h.Sender.ResponseTimes(180));
        Assert.Single(h.User.Requests);
        // Figure 7: Proceeding has no timer of its own; the TU must answer.
        Assert.Equal(0, h.Time.ActiveTimerCount);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(486)]
    [InlineData(603)]
    public void Udp_non_2xx_final_is_retransmitted_by_Timer_G_capped_at_T2_until_Timer_H_reports_no_ACK(int statusCode)
    {
        var h = new TransactionHarness();
        var tx = Start(h, SipTransportKind.Udp);

        h.AdvanceTo(1);
        tx.SendResponse(tx.CreateResponse(statusCode, toTag: "bot-tag"));
        h.AdvanceToJustBefore(TimeSpan.FromSeconds(1 + 32));

        // §17.2.1: Timer G starts at T1 and doubles up to T2; Timer H gives up at 64*T1.
        var sent = h.Sender.ResponseTimes(statusCode);
        Assert.Equal(Seconds(1, 1.5, 2.5, 4.5, 8.5, 12.5, 16.5, 20.5, 24.5, 28.5, 32.5), sent);
        Assert.Equal(Seconds(0.5, 1, 2, 4, 4, 4, 4, 4, 4, 4), sent.Zip(sent.Skip(1), (a, b) => b - a).ToArray());
        Assert.Empty(h.User.NoAcks);

        h.AdvanceTo(1 + 32);

        Assert.Equal((tx, false), Assert.Single(h.User.NoAcks));
        Assert.True(tx.Terminated.IsCompleted);
        h.AdvanceTo(100);
        Assert.Equal(11, h.Sender.ResponseTimes(statusCode).Length);
        h.AssertDrained();
    }

    [Fact]
    public void Tcp_non_2xx_final_is_sent_once_and_Timer_H_still_reports_no_ACK()
    {
        var h = new TransactionHarness();
        var tx = Start(h, SipTransportKind.Tcp);

        tx.SendResponse(tx.CreateResponse(486, toTag: "bot-tag"));
        h.AdvanceToJustBefore(TimeSpan.FromSeconds(32));
        Assert.Empty(h.User.NoAcks);
        h.AdvanceTo(32);

        Assert.Equal(Seconds(0), h.Sender.ResponseTimes(486));
        Assert.Equal((tx, false), Assert.Single(h.User.NoAcks));
        h.AssertDrained();
    }

    [Fact]
    public void INVITE_retransmission_in_Completed_resends_the_final()
    {
        var h = new TransactionHarness();
        var tx = Start(h, SipTransportKind.Tcp);
        tx.SendResponse(tx.CreateResponse(404, toTag: "bot-tag"));

        h.AdvanceTo(2);
        h.Receive(Invite(SipTransportKind.Tcp, tx.Request.TopVia!.Branch!), SipTransportKind.Tcp);

        Assert.Equal(Seconds(0, 2), h.Sender.ResponseTimes(404));
        Assert.Single(h.User.Requests);
    }

    [Fact]
    public void Udp_ACK_confirms_stops_Timer_G_and_Timer_I_ends_it_after_T4()
    {
        var h = new TransactionHarness();
        var tx = Start(h, SipTransportKind.Udp);
        var busy = tx.CreateResponse(486, toTag: "bot-tag");
        tx.SendResponse(busy);

        h.AdvanceTo(2);
        var ack = SipMessageBuilder.Ack(tx.Request, busy, tx.Request.TopVia!.Branch!);
        h.Receive(ack, SipTransportKind.Udp);
        h.AdvanceTo(3);
        h.Receive(ack, SipTransportKind.Udp);
        h.Receive(Invite(SipTransportKind.Udp, tx.Request.TopVia!.Branch!), SipTransportKind.Udp);

        // The ACK for a non-2xx is the transaction's own (§17.1.1.3); Confirmed absorbs ACKs and sends nothing.
        Assert.Empty(h.User.Acks);
        Assert.Equal(Seconds(0, 0.5, 1.5), h.Sender.ResponseTimes(486));

        h.AdvanceToJustBefore(TimeSpan.FromSeconds(2 + 5));
        Assert.Equal(1, h.Layer.ServerCount);
        h.AdvanceTo(2 + 5);

        Assert.Empty(h.User.NoAcks);
        Assert.True(tx.Terminated.IsCompleted);
        h.AssertDrained();
    }

    [Fact]
    public void Tcp_ACK_confirms_and_Timer_I_of_zero_ends_it_at_once()
    {
        var h = new TransactionHarness();
        var tx = Start(h, SipTransportKind.Tcp);
        var busy = tx.CreateResponse(486, toTag: "bot-tag");
        tx.SendResponse(busy);

        h.AdvanceTo(0.3);
        h.Receive(SipMessageBuilder.Ack(tx.Request, busy, tx.Request.TopVia!.Branch!), SipTransportKind.Tcp);

        Assert.Empty(h.User.Acks);
        Assert.Empty(h.User.NoAcks);
        h.AssertDrained();
    }

    [Theory]
    [InlineData(SipTransportKind.Udp)]
    [InlineData(SipTransportKind.Tcp)]
    public void Success_enters_Accepted_and_retransmits_the_2xx_until_the_TU_acknowledges_it(SipTransportKind transport)
    {
        var h = new TransactionHarness();
        var tx = Start(h, transport);
        var ok = tx.CreateResponse(200, toTag: "bot-tag");
        tx.SendResponse(ok);

        h.AdvanceTo(8);
        // §13.3.1.4: the 2xx goes out at T1, 2T1, ... capped at T2 regardless of transport, since the
        // ACK is end to end and a later hop may be UDP.
        Assert.Equal(Seconds(0, 0.5, 1.5, 3.5, 7.5), h.Sender.ResponseTimes(200));

        var ack = SipMessageBuilder.Ack(tx.Request, ok, SipMessageBuilder.NewBranch());
        var inbound = h.Receive(ack, transport);
        Assert.Same(inbound, Assert.Single(h.User.Acks));
        tx.AcknowledgeSuccess();

        h.AdvanceTo(9);
        h.Receive(Invite(transport, tx.Request.TopVia!.Branch!), transport);
        h.AdvanceToJustBefore(TimeSpan.FromSeconds(32));

        // RFC 6026 §7.1: INVITE retransmissions are absorbed in Accepted; after the ACK, silence.
        Assert.Equal(Seconds(0, 0.5, 1.5, 3.5, 7.5), h.Sender.ResponseTimes(200));
        Assert.Equal(1, h.Layer.ServerCount);
        Assert.Single(h.User.Requests);

        h.AdvanceTo(32);

        Assert.Empty(h.User.NoAcks);
        Assert.True(tx.Terminated.IsCompleted);
        h.AssertDrained();
    }

    [Fact]
    public void Success_without_ACK_reports_OnNoAck_for_success_when_Timer_L_fires()
    {
        var h = new TransactionHarness();
        var tx = Start(h, SipTransportKind.Udp);

        h.AdvanceTo(1);
        tx.SendResponse(tx.CreateResponse(200, toTag: "bot-tag"));
        h.AdvanceTo(20);
        h.Receive(Invite(SipTransportKind.Udp, tx.Request.TopVia!.Branch!), SipTransportKind.Udp);
        h.AdvanceToJustBefore(TimeSpan.FromSeconds(1 + 32));

        Assert.Equal(Seconds(1, 1.5, 2.5, 4.5, 8.5, 12.5, 16.5, 20.5, 24.5, 28.5, 32.5), h.Sender.ResponseTimes(200));
        Assert.Empty(h.User.NoAcks);

        h.AdvanceTo(1 + 32);

        // §13.3.1.4: no ACK within 64*T1 — the TU must end the session.
        Assert.Equal((tx, true), Assert.Single(h.User.NoAcks));
        h.AdvanceTo(100);
        Assert.Equal(11, h.Sender.ResponseTimes(200).Length);
        h.AssertDrained();
    }

    [Fact]
    public void ACK_with_the_INVITE_branch_in_Accepted_goes_to_the_TU()
    {
        var h = new TransactionHarness();
        var tx = Start(h, SipTransportKind.Udp);
        var ok = tx.CreateResponse(200, toTag: "bot-tag");
        tx.SendResponse(ok);

        var ack = h.Receive(SipMessageBuilder.Ack(tx.Request, ok, tx.Request.TopVia!.Branch!), SipTransportKind.Udp);

        // RFC 6026 §7.1: any ACK received in Accepted is passed to the TU.
        Assert.Same(ack, Assert.Single(h.User.Acks));
    }

    [Fact]
    public void Responses_after_the_final_one_are_not_sent()
    {
        var h = new TransactionHarness();
        var tx = Start(h, SipTransportKind.Tcp);
        tx.SendResponse(tx.CreateResponse(486, toTag: "bot-tag"));

        tx.SendResponse(tx.CreateResponse(200, toTag: "bot-tag"));
        tx.SendResponse(tx.CreateResponse(180, toTag: "bot-tag"));

        Assert.Equal(486, Assert.IsType<SipResponse>(h.Sender.Sent[^1].Message).StatusCode);
        Assert.Equal(486, tx.LastResponse!.StatusCode);
    }

    private static ServerInviteTransaction Start(TransactionHarness h, SipTransportKind transport)
    {
        h.Receive(Invite(transport), transport);
        return (ServerInviteTransaction)h.User.Requests[^1];
    }

    private static SipRequest Invite(SipTransportKind transport, string? branch = null) =>
        SipMessageBuilder.Request(SipMethods.Invite, branch ?? SipMessageBuilder.NewBranch(), transport.ToViaToken());
}
