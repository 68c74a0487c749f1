using System.Net.Sockets;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transactions;
using PhoneAgent.Sip.Transport;
using static PhoneAgent.Sip.Tests.Transactions.TransactionHarness;

namespace PhoneAgent.Sip.Tests.Transactions;

/// <summary>Transport failures end transactions (RFC 3261 §17.1.4, §17.2.4) and leave nothing behind.</summary>
public sealed class TransportErrorTests
{
    [Theory]
    [InlineData(SipMethods.Invite, SipTransportKind.Udp)]
    [InlineData(SipMethods.Invite, SipTransportKind.Tcp)]
    [InlineData(SipMethods.Bye, SipTransportKind.Udp)]
    [InlineData(SipMethods.Bye, SipTransportKind.Tcp)]
    public async Task Client_request_that_cannot_be_sent_faults_with_Transport(string method, SipTransportKind transport)
    {
        var h = new TransactionHarness();
        h.Sender.FailWith = new SocketException((int)SocketError.NetworkUnreachable);

        var tx = h.StartClient(Outgoing(method, transport), transport);

        var error = await Assert.ThrowsAsync<SipTransactionException>(() => tx.FinalResponse);
        Assert.Equal(TransactionFailure.Transport, error.Failure);
        Assert.IsType<SocketException>(error.InnerException);
        Assert.True(tx.Terminated.IsCompleted);
        h.AssertDrained();
        h.AdvanceTo(100);
        Assert.Single(h.Sender.Sent);
    }

    [Theory]
    [InlineData(SipMethods.Invite)]
    [InlineData(SipMethods.Bye)]
    public async Task Client_retransmission_that_cannot_be_sent_faults_with_Transport(string method)
    {
        var h = new TransactionHarness();
        var request = Outgoing(method, SipTransportKind.Udp);
        var tx = h.StartClient(request, SipTransportKind.Udp);

        h.AdvanceTo(0.7);
        h.Sender.FailWith = new SocketException((int)SocketError.HostUnreachable);
        h.AdvanceTo(1.5);

        var error = await Assert.ThrowsAsync<SipTransactionException>(() => tx.FinalResponse);
        Assert.Equal(TransactionFailure.Transport, error.Failure);
        Assert.Equal(Seconds(0, 0.5, 1.5), h.Sender.RequestTimes(method));
        h.AssertDrained();

        h.Receive(SipMessageBuilder.Response(request, 200), SipTransportKind.Udp);
        Assert.Single(h.User.StrayResponses);
    }

    [Fact]
    public async Task Client_send_that_fails_after_it_was_handed_over_faults_with_Transport()
    {
        var h = new TransactionHarness();
        h.Sender.Hold = true;
        var tx = h.StartClient(Outgoing(SipMethods.Invite, SipTransportKind.Tcp), SipTransportKind.Tcp);
        h.AdvanceTo(3);
        Assert.False(tx.FinalResponse.IsCompleted);

        h.Sender.FailHeld(new SocketException((int)SocketError.ConnectionReset));

        var error = await Assert.ThrowsAsync<SipTransactionException>(() => tx.FinalResponse);
        Assert.Equal(TransactionFailure.Transport, error.Failure);
        h.AssertDrained();
    }

    [Theory]
    [InlineData(SipMethods.Invite)]
    [InlineData(SipMethods.Bye)]
    public async Task Sender_that_throws_instead_of_faulting_its_task_is_a_transport_error(string method)
    {
        var h = new TransactionHarness();
        h.Sender.FailWith = new SocketException((int)SocketError.NetworkUnreachable);
        h.Sender.ThrowSynchronously = true;

        var tx = h.StartClient(Outgoing(method, SipTransportKind.Udp), SipTransportKind.Udp);

        var error = await Assert.ThrowsAsync<SipTransactionException>(() => tx.FinalResponse);
        Assert.Equal(TransactionFailure.Transport, error.Failure);
        h.AssertDrained();
    }

    [Fact]
    public void Sender_that_throws_from_a_timer_retransmission_is_a_transport_error()
    {
        var h = new TransactionHarness();
        var tx = StartInvite(h, SipTransportKind.Udp);
        tx.SendResponse(tx.CreateResponse(200, toTag: "bot-tag"));
        h.Sender.FailWith = new SocketException((int)SocketError.HostUnreachable);
        h.Sender.ThrowSynchronously = true;

        // Timer G's callback must not throw: on a real TimeProvider that would crash the process.
        h.AdvanceTo(0.5);

        Assert.Equal((tx, true), Assert.Single(h.User.NoAcks));
        h.AssertDrained();
    }

    [Theory]
    [InlineData(SipTransportKind.Udp)]
    [InlineData(SipTransportKind.Tcp)]
    public async Task Client_INVITE_still_reports_the_final_response_when_its_ACK_cannot_be_sent(SipTransportKind transport)
    {
        var h = new TransactionHarness();
        var invite = Outgoing(SipMethods.Invite, transport);
        var tx = h.StartClient(invite, transport);

        h.AdvanceTo(0.2);
        h.Sender.FailWith = new SocketException((int)SocketError.ConnectionReset);
        var busy = SipMessageBuilder.Response(invite, 486);
        h.Receive(busy, transport);

        // §17.1.1.2: the final response is passed up to the TU whatever becomes of the ACK.
        Assert.Same(busy, await tx.FinalResponse);
        Assert.Single(h.Sender.Requests(SipMethods.Ack));
        h.AssertDrained();
    }

    [Fact]
    public void Server_INVITE_in_Accepted_reports_OnNoAck_for_success_when_a_2xx_retransmission_fails()
    {
        var h = new TransactionHarness();
        var tx = StartInvite(h, SipTransportKind.Udp);
        tx.SendResponse(tx.CreateResponse(200, toTag: "bot-tag"));

        h.AdvanceTo(0.2);
        h.Sender.FailWith = new SocketException((int)SocketError.HostUnreachable);
        h.AdvanceTo(0.5);

        // §17.2.4 with §13.3.1.4: a 2xx that cannot reach the caller will never be acknowledged.
        Assert.Equal((tx, true), Assert.Single(h.User.NoAcks));
        Assert.True(tx.Terminated.IsCompleted);
        h.AssertDrained();
        h.AdvanceTo(100);
        Assert.Single(h.User.NoAcks);
    }

    [Theory]
    [InlineData(SipTransportKind.Udp)]
    [InlineData(SipTransportKind.Tcp)]
    public void Server_INVITE_reports_OnNoAck_for_success_when_the_2xx_itself_cannot_be_sent(SipTransportKind transport)
    {
        var h = new TransactionHarness();
        var tx = StartInvite(h, transport);
        h.Sender.FailWith = new SocketException((int)SocketError.ConnectionReset);

        tx.SendResponse(tx.CreateResponse(200, toTag: "bot-tag"));

        Assert.Equal((tx, true), Assert.Single(h.User.NoAcks));
        Assert.True(tx.Terminated.IsCompleted);
        h.AssertDrained();
        h.AdvanceTo(100);
        Assert.Single(h.User.NoAcks);
        Assert.Single(h.Sender.Responses(200));
    }

    [Fact]
    public void Server_INVITE_in_Accepted_reports_OnNoAck_for_success_when_a_held_send_fails_later()
    {
        var h = new TransactionHarness();
        var tx = StartInvite(h, SipTransportKind.Tcp);
        h.Sender.Hold = true;
        tx.SendResponse(tx.CreateResponse(200, toTag: "bot-tag"));
        h.AdvanceTo(0.2);

        h.Sender.FailHeld(new SocketException((int)SocketError.ConnectionReset));

        Assert.Equal((tx, true), Assert.Single(h.User.NoAcks));
        h.AssertDrained();
    }

    [Theory]
    [InlineData(SipTransportKind.Udp)]
    [InlineData(SipTransportKind.Tcp)]
    public void Server_INVITE_whose_provisional_cannot_be_sent_reports_a_transport_failure(SipTransportKind transport)
    {
        // RFC 3261 §17.2.4: the caller's flow is gone before any final response; the TU must learn of it,
        // or a ringing call would wait forever for an answer it can no longer send.
        var h = new TransactionHarness();
        var tx = StartInvite(h, transport);
        h.Sender.FailWith = new SocketException((int)SocketError.ConnectionReset);

        tx.SendResponse(tx.CreateResponse(180, toTag: "bot-tag"));

        Assert.Same(tx, Assert.Single(h.User.TransportFailures));
        Assert.Empty(h.User.NoAcks);
        Assert.True(tx.Terminated.IsCompleted);
        h.AssertDrained();
    }

    [Theory]
    [InlineData(SipTransportKind.Udp)]
    [InlineData(SipTransportKind.Tcp)]
    public void Server_INVITE_whose_non_2xx_cannot_be_sent_ends_without_waiting_for_an_ACK(SipTransportKind transport)
    {
        var h = new TransactionHarness();
        var tx = StartInvite(h, transport);
        h.Sender.FailWith = new SocketException((int)SocketError.ConnectionReset);

        tx.SendResponse(tx.CreateResponse(486, toTag: "bot-tag"));

        Assert.True(tx.Terminated.IsCompleted);
        h.AssertDrained();
        h.AdvanceTo(100);
        Assert.Empty(h.User.NoAcks);
        Assert.Single(h.Sender.Responses(486));
    }

    [Theory]
    [InlineData(SipTransportKind.Udp)]
    [InlineData(SipTransportKind.Tcp)]
    public void Server_non_INVITE_whose_final_cannot_be_sent_ends(SipTransportKind transport)
    {
        var h = new TransactionHarness();
        h.Receive(SipMessageBuilder.Request(SipMethods.Options, SipMessageBuilder.NewBranch(), transport.ToViaToken()), transport);
        var tx = h.User.Requests[0];
        h.Sender.FailWith = new SocketException((int)SocketError.ConnectionReset);

        tx.SendResponse(tx.CreateResponse(200, toTag: "bot-tag"));

        Assert.True(tx.Terminated.IsCompleted);
        h.AssertDrained();
    }

    private static ServerInviteTransaction StartInvite(TransactionHarness h, SipTransportKind transport)
    {
        h.Receive(SipMessageBuilder.Request(SipMethods.Invite, SipMessageBuilder.NewBranch(), transport.ToViaToken()), transport);
        return (ServerInviteTransaction)h.User.Requests[^1];
    }

    private static SipRequest Outgoing(string method, SipTransportKind transport) =>
        SipMessageBuilder.Request(method, SipMessageBuilder.NewBranch(), transport.ToViaToken(), sentBy: "198.51.100.1:5060", fromTag: "bot-tag");
}
