using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transactions;
using PhoneAgent.Sip.Transport;
using static PhoneAgent.Sip.Tests.Transactions.TransactionHarness;

namespace PhoneAgent.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.1.2 (Figure 6), on virtual time.</summary>
public sealed class ClientNonInviteTransactionTests
{
    [Fact]
    public async Task Udp_Timer_E_doubles_from_T1_capped_at_T2_until_Timer_F_times_out()
    {
        var h = new TransactionHarness();
        var tx = h.StartClient(Bye(SipTransportKind.Udp), SipTransportKind.Udp);

        h.AdvanceToJustBefore(TimeSpan.FromSeconds(32));

        // §17.1.2.2: intervals T1, 2T1, 4T1, then T2 = 4 s for good; eleven transmissions before Timer F.
        var sent = h.Sender.RequestTimes(SipMethods.Bye);
        Assert.Equal(Seconds(0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5), sent);
        Assert.Equal(Seconds(0.5, 1, 2, 4, 4, 4, 4, 4, 4, 4), sent.Zip(sent.Skip(1), (a, b) => b - a).ToArray());
        Assert.False(tx.FinalResponse.IsCompleted);

        h.AdvanceTo(32);

        var error = await Assert.ThrowsAsync<SipTransactionException>(() => tx.FinalResponse);
        Assert.Equal(TransactionFailure.Timeout, error.Failure);
        h.AdvanceTo(100);
        Assert.Equal(11, h.Sender.RequestTimes(SipMethods.Bye).Length);
        h.AssertDrained();
    }

    [Fact]
    public void Timer_E_cap_follows_a_configured_T2()
    {
        var h = new TransactionHarness(new SipTimerOptions { T1 = TimeSpan.FromMilliseconds(250), T2 = TimeSpan.FromSeconds(1) });
        h.StartClient(Bye(SipTransportKind.Udp), SipTransportKind.Udp);

        h.AdvanceTo(5);

        Assert.Equal(Seconds(0, 0.25, 0.75, 1.75, 2.75, 3.75, 4.75), h.Sender.RequestTimes(SipMethods.Bye));
    }

    [Fact]
    public async Task Udp_Proceeding_retransmits_every_T2_and_Timer_F_still_times_out()
    {
        var h = new TransactionHarness();
        var provisionals = new List<SipResponse>();
        var bye = Bye(SipTransportKind.Udp);
        var tx = h.StartClient(bye, SipTransportKind.Udp, provisionals);

        h.AdvanceTo(0.7);
        var trying = SipMessageBuilder.Response(bye, 100);
        h.Receive(trying, SipTransportKind.Udp);
        h.AdvanceToJustBefore(TimeSpan.FromSeconds(32));

        // The pending Timer E (due at 1.5 s) still fires; from there on §17.1.2.2 resets it to T2.
        Assert.Equal(Seconds(0, 0.5, 1.5, 5.5, 9.5, 13.5, 17.5, 21.5, 25.5, 29.5), h.Sender.RequestTimes(SipMethods.Bye));
        Assert.Equal([trying], provisionals);

        h.AdvanceTo(32);
        var error = await Assert.ThrowsAsync<SipTransactionException>(() => tx.FinalResponse);
        Assert.Equal(TransactionFailure.Timeout, error.Failure);
        h.AssertDrained();
    }

    [Fact]
    public async Task Tcp_sends_once_and_Timer_F_times_out_at_64_T1()
    {
        var h = new TransactionHarness();
        var tx = h.StartClient(Bye(SipTransportKind.Tcp), SipTransportKind.Tcp);

        h.AdvanceToJustBefore(TimeSpan.FromSeconds(32));
        Assert.False(tx.FinalResponse.IsCompleted);
        h.AdvanceTo(32);

        Assert.Equal(Seconds(0), h.Sender.RequestTimes(SipMethods.Bye));
        var error = await Assert.ThrowsAsync<SipTransactionException>(() => tx.FinalResponse);
        Assert.Equal(TransactionFailure.Timeout, error.Failure);
        h.AssertDrained();
    }

    [Fact]
    public async Task Udp_final_response_completes_and_Timer_K_absorbs_retransmissions_for_T4()
    {
        var h = new TransactionHarness();
        var provisionals = new List<SipResponse>();
        var bye = Bye(SipTransportKind.Udp);
        var tx = h.StartClient(bye, SipTransportKind.Udp, provisionals);

        h.AdvanceTo(1);
        var ok = SipMessageBuilder.Response(bye, 200);
        h.Receive(ok, SipTransportKind.Udp);
        Assert.Same(ok, await tx.FinalResponse);

        h.AdvanceTo(2);
        h.Receive(SipMessageBuilder.Response(bye, 200), SipTransportKind.Udp);
        h.Receive(SipMessageBuilder.Response(bye, 100), SipTransportKind.Udp);
        Assert.Empty(h.User.StrayResponses);
        Assert.Empty(provisionals);
        Assert.Equal(Seconds(0, 0.5), h.Sender.RequestTimes(SipMethods.Bye));

        h.AdvanceToJustBefore(TimeSpan.FromSeconds(1 + 5));
        Assert.Equal(1, h.Layer.ClientCount);
        h.AdvanceTo(1 + 5);
        h.AssertDrained();

        h.Receive(SipMessageBuilder.Response(bye, 200), SipTransportKind.Udp);
        Assert.Single(h.User.StrayResponses);
    }

    [Fact]
    public async Task Tcp_final_response_ends_it_at_once_with_Timer_K_of_zero()
    {
        var h = new TransactionHarness();
        var bye = Bye(SipTransportKind.Tcp);
        var tx = h.StartClient(bye, SipTransportKind.Tcp);

        h.AdvanceTo(1);
        var notFound = SipMessageBuilder.Response(bye, 481);
        h.Receive(notFound, SipTransportKind.Tcp);

        Assert.Same(notFound, await tx.FinalResponse);
        h.AssertDrained();
    }

    [Fact]
    public async Task Every_provisional_reaches_the_TU_and_the_first_final_wins()
    {
        var h = new TransactionHarness();
        var provisionals = new List<SipResponse>();
        var bye = Bye(SipTransportKind.Udp);
        var tx = h.StartClient(bye, SipTransportKind.Udp, provisionals);

        var first = SipMessageBuilder.Response(bye, 100);
        var second = SipMessageBuilder.Response(bye, 183);
        var ok = SipMessageBuilder.Response(bye, 200);
        h.Receive(first, SipTransportKind.Udp);
        h.Receive(second, SipTransportKind.Udp);
        h.Receive(ok, SipTransportKind.Udp);
        h.Receive(SipMessageBuilder.Response(bye, 500), SipTransportKind.Udp);

        Assert.Equal([first, second], provisionals);
        Assert.Same(ok, await tx.FinalResponse);
        h.AdvanceTo(5);
        h.AssertDrained();
    }

    private static SipRequest Bye(SipTransportKind transport) =>
        SipMessageBuilder.Request(SipMethods.Bye, SipMessageBuilder.NewBranch(), transport.ToViaToken(), sentBy: "198.51.100.1:5060", cseq: 2, fromTag: "bot-tag", toTag: "caller-tag");
}
