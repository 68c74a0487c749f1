using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transactions;
using PhoneAgent.Sip.Transport;
using static PhoneAgent.Sip.Tests.Transactions.TransactionHarness;

namespace PhoneAgent.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.2.2 (Figure 8), on virtual time.</summary>
public sealed class ServerNonInviteTransactionTests
{
    [Theory]
    [InlineData(SipTransportKind.Udp)]
    [InlineData(SipTransportKind.Tcp)]
    public void Retransmission_in_Trying_is_absorbed(SipTransportKind transport)
    {
        var h = new TransactionHarness();
        var options = Options(transport);

        h.Receive(options, transport);
        h.AdvanceTo(0.5);
        h.Receive(Options(transport, options.TopVia!.Branch!), transport);

        Assert.IsType<ServerNonInviteTransaction>(Assert.Single(h.User.Requests));
        // §17.2.2: no 100 for non-INVITE unless the TU sends one, and Trying answers nothing.
        Assert.Empty(h.Sender.Sent);
        Assert.Equal(1, h.Layer.ServerCount);
    }

    [Fact]
    public void Retransmission_in_Proceeding_resends_the_last_provisional()
    {
        var h = new TransactionHarness();
        var tx = Start(h, SipTransportKind.Udp);

        tx.SendResponse(tx.CreateResponse(100));
        h.AdvanceTo(0.5);
        tx.SendResponse(tx.CreateResponse(183, toTag: "bot-tag"));
        h.AdvanceTo(1.5);
        h.Receive(Options(SipTransportKind.Udp, tx.Request.TopVia!.Branch!), SipTransportKind.Udp);

        Assert.Equal(Seconds(0), h.Sender.ResponseTimes(100));
        Assert.Equal(Seconds(0.5, 1.5), h.Sender.ResponseTimes(183));
        Assert.Single(h.User.Requests);
    }

    [Fact]
    public void Udp_Completed_answers_retransmissions_with_the_final_until_Timer_J()
    {
        var h = new TransactionHarness();
        var tx = Start(h, SipTransportKind.Udp);

        h.AdvanceTo(1);
        tx.SendResponse(tx.CreateResponse(200, toTag: "bot-tag"));
        h.AdvanceTo(5);
        h.Receive(Options(SipTransportKind.Udp, tx.Request.TopVia!.Branch!), SipTransportKind.Udp);
        h.AdvanceTo(20);
        h.Receive(Options(SipTransportKind.Udp, tx.Request.TopVia!.Branch!), SipTransportKind.Udp);

        // No timer retransmits a non-INVITE response; only a retransmitted request does (§17.2.2).
        Assert.Equal(Seconds(1, 5, 20), h.Sender.ResponseTimes(200));
        Assert.Single(h.User.Requests);

        h.AdvanceToJustBefore(TimeSpan.FromSeconds(1 + 32));
        Assert.Equal(1, h.Layer.ServerCount);
        h.AdvanceTo(1 + 32);

        Assert.True(tx.Terminated.IsCompleted);
        h.AssertDrained();
    }

    [Fact]
    public void Tcp_final_ends_it_at_once_with_Timer_J_of_zero()
    {
        var h = new TransactionHarness();
        var tx = Start(h, SipTransportKind.Tcp);

        h.AdvanceTo(1);
        tx.SendResponse(tx.CreateResponse(200, toTag: "bot-tag"));

        Assert.Equal(Seconds(1), h.Sender.ResponseTimes(200));
        Assert.True(tx.Terminated.IsCompleted);
        h.AssertDrained();
    }

    [Fact]
    public void Responses_from_the_TU_in_Completed_are_discarded()
    {
        var h = new TransactionHarness();
        var tx = Start(h, SipTransportKind.Udp);

        tx.SendResponse(tx.CreateResponse(200, toTag: "bot-tag"));
        tx.SendResponse(tx.CreateResponse(500, toTag: "bot-tag"));
        tx.SendResponse(tx.CreateResponse(180, toTag: "bot-tag"));

        Assert.Equal(200, Assert.IsType<SipResponse>(Assert.Single(h.Sender.Sent).Message).StatusCode);
        Assert.Equal(200, tx.LastResponse!.StatusCode);
        Assert.True(tx.HasFinalResponse);
    }

    private static ServerNonInviteTransaction Start(TransactionHarness h, SipTransportKind transport)
    {
        h.Receive(Options(transport), transport);
        return (ServerNonInviteTransaction)h.User.Requests[^1];
    }

    private static SipRequest Options(SipTransportKind transport, string? branch = null) =>
        SipMessageBuilder.Request(SipMethods.Options, branch ?? SipMessageBuilder.NewBranch(), transport.ToViaToken());
}
