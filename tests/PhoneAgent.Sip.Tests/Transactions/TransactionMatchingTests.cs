using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transactions;
using PhoneAgent.Sip.Transport;
using static PhoneAgent.Sip.Tests.Transactions.TransactionHarness;

namespace PhoneAgent.Sip.Tests.Transactions;

/// <summary>Matching of responses (RFC 3261 §17.1.3) and requests (§17.2.3) to transactions.</summary>
public sealed class TransactionMatchingTests
{
    [Fact]
    public async Task Response_is_routed_by_branch_and_CSeq_method()
    {
        var h = new TransactionHarness();
        var branch = SipMessageBuilder.NewBranch();
        var invite = Outgoing(SipMethods.Invite, branch);
        // §9.1: a CANCEL carries the same branch as the INVITE it cancels, so only the CSeq method tells
        // their responses apart (§17.1.3).
        var cancel = Outgoing(SipMethods.Cancel, branch);
        var inviteTx = h.StartClient(invite, SipTransportKind.Udp);
        var cancelTx = h.StartClient(cancel, SipTransportKind.Udp);

        var cancelOk = SipMessageBuilder.Response(cancel, 200);
        h.Receive(cancelOk, SipTransportKind.Udp);
        Assert.Same(cancelOk, await cancelTx.FinalResponse);
        Assert.False(inviteTx.FinalResponse.IsCompleted);

        var terminated = SipMessageBuilder.Response(invite, 487);
        h.Receive(terminated, SipTransportKind.Udp);
        Assert.Same(terminated, await inviteTx.FinalResponse);
        Assert.Empty(h.User.StrayResponses);
        Assert.Equal(2, h.Layer.ClientCount);

        h.AdvanceTo(32);
        h.AssertDrained();
    }

    [Fact]
    public void Response_for_an_unknown_branch_goes_to_OnStrayResponse()
    {
        var h = new TransactionHarness();
        var invite = Outgoing(SipMethods.Invite, SipMessageBuilder.NewBranch());
        var tx = h.StartClient(invite, SipTransportKind.Udp);

        var stray = SipMessageBuilder.Response(Outgoing(SipMethods.Invite, SipMessageBuilder.NewBranch()), 200);
        var inbound = h.Receive(stray, SipTransportKind.Udp);

        Assert.Same(inbound, Assert.Single(h.User.StrayResponses));
        Assert.False(tx.FinalResponse.IsCompleted);
    }

    [Fact]
    public void Response_with_the_branch_but_another_method_is_stray()
    {
        var h = new TransactionHarness();
        var branch = SipMessageBuilder.NewBranch();
        var tx = h.StartClient(Outgoing(SipMethods.Invite, branch), SipTransportKind.Udp);

        h.Receive(SipMessageBuilder.Response(Outgoing(SipMethods.Bye, branch), 200), SipTransportKind.Udp);

        Assert.Single(h.User.StrayResponses);
        Assert.False(tx.FinalResponse.IsCompleted);
    }

    [Fact]
    public void Same_branch_from_a_different_sent_by_is_a_different_server_transaction()
    {
        var h = new TransactionHarness();
        var branch = SipMessageBuilder.NewBranch();

        h.Receive(SipMessageBuilder.Request(SipMethods.Invite, branch, sentBy: "192.0.2.10:5060"), SipTransportKind.Udp);
        h.Receive(SipMessageBuilder.Request(SipMethods.Invite, branch, sentBy: "192.0.2.77:5060"), SipTransportKind.Udp);
        h.Receive(SipMessageBuilder.Request(SipMethods.Invite, branch, sentBy: "192.0.2.10:5070"), SipTransportKind.Udp);

        Assert.Equal(3, h.User.Requests.Count);
        Assert.Equal(3, h.Layer.ServerCount);
        Assert.Equal(3, h.Sender.Responses(100).Count());
    }

    [Fact]
    public void CANCEL_creates_its_own_transaction_and_FindInviteFor_finds_the_INVITE()
    {
        var h = new TransactionHarness();
        var branch = SipMessageBuilder.NewBranch();
        var invite = SipMessageBuilder.Request(SipMethods.Invite, branch);
        h.Receive(invite, SipTransportKind.Udp);
        var inviteTx = (ServerInviteTransaction)h.User.Requests[0];

        var cancel = SipMessageBuilder.Request(SipMethods.Cancel, branch);
        h.Receive(cancel, SipTransportKind.Udp);

        var cancelTx = Assert.IsType<ServerNonInviteTransaction>(h.User.Requests[1]);
        Assert.Same(cancel, cancelTx.Request);
        Assert.Equal(2, h.Layer.ServerCount);
        Assert.Same(inviteTx, h.Layer.FindInviteFor(cancel));
        Assert.Null(h.Layer.FindInviteFor(SipMessageBuilder.Request(SipMethods.Cancel, SipMessageBuilder.NewBranch())));
        Assert.Null(h.Layer.FindInviteFor(SipMessageBuilder.Request(SipMethods.Cancel, branch, sentBy: "192.0.2.77:5060")));

        // §9.2: the CANCEL gets its own 200 and the INVITE its 487; then both end.
        cancelTx.SendResponse(cancelTx.CreateResponse(200, toTag: "bot-tag"));
        var terminated = inviteTx.CreateResponse(487, toTag: "bot-tag");
        inviteTx.SendResponse(terminated);
        h.Receive(SipMessageBuilder.Ack(invite, terminated, branch), SipTransportKind.Udp);
        h.AdvanceTo(32);
        Assert.Null(h.Layer.FindInviteFor(cancel));
        h.AssertDrained();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("8a3c1f")]
    public void Rfc_2543_request_is_matched_by_the_fallback_key(string? branch)
    {
        var h = new TransactionHarness();
        var invite = SipMessageBuilder.Request(SipMethods.Invite, branch, cseq: 7);
        h.Receive(invite, SipTransportKind.Udp);
        var tx = (ServerInviteTransaction)Assert.Single(h.User.Requests);

        h.AdvanceTo(0.5);
        h.Receive(SipMessageBuilder.Request(SipMethods.Invite, branch, cseq: 7), SipTransportKind.Udp);

        // §17.2.3: without the magic cookie the retransmission is recognised by Call-ID, CSeq, From tag
        // and top Via, and answered with the last provisional.
        Assert.Single(h.User.Requests);
        Assert.Equal(Seconds(0, 0.5), h.Sender.ResponseTimes(100));
        Assert.Same(tx, h.Layer.FindInviteFor(SipMessageBuilder.Request(SipMethods.Cancel, branch, cseq: 7)));

        h.Receive(SipMessageBuilder.Request(SipMethods.Invite, branch, cseq: 8), SipTransportKind.Udp);
        h.Receive(SipMessageBuilder.Request(SipMethods.Invite, branch, cseq: 7, fromTag: "other"), SipTransportKind.Udp);
        h.Receive(SipMessageBuilder.Request(SipMethods.Invite, branch, cseq: 7, callId: "other@192.0.2.10"), SipTransportKind.Udp);
        Assert.Equal(4, h.User.Requests.Count);

        // The ACK for a non-2xx matches the INVITE's transaction the same way and stays inside it.
        var busy = tx.CreateResponse(486, toTag: "bot-tag");
        tx.SendResponse(busy);
        h.AdvanceTo(1.2);
        h.Receive(SipMessageBuilder.Request(SipMethods.Ack, branch, cseq: 7, toTag: "bot-tag"), SipTransportKind.Udp);
        h.AdvanceTo(20);
        Assert.Empty(h.User.Acks);
        Assert.Equal(Seconds(0.5, 1), h.Sender.ResponseTimes(486));
        Assert.True(tx.Terminated.IsCompleted);
    }

    [Fact]
    public void ACK_matching_no_transaction_goes_to_the_TU()
    {
        var h = new TransactionHarness();

        var ack = h.Receive(SipMessageBuilder.Request(SipMethods.Ack, SipMessageBuilder.NewBranch(), toTag: "bot-tag"), SipTransportKind.Udp);

        Assert.Same(ack, Assert.Single(h.User.Acks));
        Assert.Empty(h.User.Requests);
        h.AssertDrained();
    }

    private static SipRequest Outgoing(string method, string branch) =>
        SipMessageBuilder.Request(method, branch, sentBy: "198.51.100.1:5060", fromTag: "bot-tag");
}
