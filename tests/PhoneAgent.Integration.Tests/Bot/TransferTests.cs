using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Integration.Tests.Peers;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Testing;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>
/// Blind transfer by REFER (RFC 3515) against a caller acting as the transferee (sipp, or a raw socket on virtual time): the host's call control sends
/// REFER with Refer-To, takes the 202 and the NOTIFYs' sipfrag reports, and hangs up only when the transfer succeeded.
/// </summary>
public sealed class TransferTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Successful_transfer_hangs_up_and_returns_true()
    {
        var handler = new TransferringCallHandler("operator");
        await using var agent = StartAgent(handler);
        var result = await Call(agent, SippScenarios.TransferAccepted);
        Assert.True(result.Succeeded(1), result.Describe());
        Assert.True(await handler.Transferred.WaitAsync(Bounded));
        Assert.Equal(CallEndCause.Transferred, (await handler.Ended.WaitAsync(Bounded)).Cause);
    }

    [Fact]
    public async Task Failed_transfer_returns_false_and_the_call_goes_on()
    {
        var handler = new TransferringCallHandler("operator");
        await using var agent = StartAgent(handler);
        var result = await Call(agent, SippScenarios.TransferFailed);
        Assert.True(result.Succeeded(1), result.Describe());
        Assert.False(await handler.Transferred.WaitAsync(Bounded));
        // The caller hung up after its hold: the bot kept the call through the failed transfer.
        Assert.Equal(CallEndCause.RemoteHangup, (await handler.Ended.WaitAsync(Bounded)).Cause);
    }

    [Fact]
    public async Task Rejected_refer_returns_false_and_the_call_goes_on()
    {
        var handler = new TransferringCallHandler("sip:desk@example.org");
        using var caller = new RawUdpClient();
        await using var agent = StartAgent(handler);
        var refer = await AnswerAndReceiveRefer(caller, agent);
        Assert.Equal("<sip:desk@example.org>", refer.Headers.GetFirst(HeaderNames.ReferTo));
        caller.SendBytes(Bot(agent), SipResponse.CreateFor(refer, 603).ToBytes());
        Assert.False(await handler.Transferred.WaitAsync(Bounded));
        await HangUp(caller, agent, refer, handler);
    }

    [Fact]
    public async Task Transfer_without_an_outcome_times_out_and_the_call_goes_on()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2031, 5, 2, 9, 0, 0, TimeSpan.Zero));
        var handler = new TransferringCallHandler("sip:desk@example.org");
        using var caller = new RawUdpClient();
        await using var agent = StartAgent(handler, time);
        var refer = await AnswerAndReceiveRefer(caller, agent);
        caller.SendBytes(Bot(agent), SipResponse.CreateFor(refer, 202).ToBytes());
        // A transferee that accepts but never NOTIFYs: the bot gives up after its 30 s bound.
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(handler.Transferred.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await handler.Transferred.WaitAsync(Bounded));
        // A NOTIFY after that is for a subscription the bot no longer holds (RFC 6665 §4.1.3).
        caller.Send(Bot(agent), RawSip.Request("NOTIFY", callId: refer.CallId!, cseq: 2, toTag: refer.From!.Tag, fromTag: refer.To!.Tag!,
            contentType: "message/sipfrag", body: "SIP/2.0 200 OK\r\n", extraHeaders: "Event: refer\nSubscription-State: terminated\n"));
        Assert.Equal(481, (await caller.ReceiveFinalAsync()).StatusCode);
        await HangUp(caller, agent, refer, handler);
    }

    private static IPEndPoint Bot(SipUserAgent agent) => new(IPAddress.Loopback, agent.Port);

    /// <summary>Calls the bot from the raw socket, acknowledges its 200 and returns the REFER it then sends.</summary>
    private static async Task<SipRequest> AnswerAndReceiveRefer(RawUdpClient caller, SipUserAgent agent)
    {
        caller.Send(Bot(agent), RawSip.Request("INVITE", callId: "transfer-raw", contentType: "application/sdp", body: RawSip.PcmuOffer));
        var ok = await caller.ReceiveFinalAsync();
        Assert.Equal(200, ok.StatusCode);
        caller.Send(Bot(agent), RawSip.Request("ACK", callId: "transfer-raw", toTag: ok.To!.Tag));
        var refer = await caller.ReceiveRequestAsync();
        Assert.Equal("REFER", refer.Method);
        return refer;
    }

    private static async Task HangUp(RawUdpClient caller, SipUserAgent agent, SipRequest refer, TransferringCallHandler handler)
    {
        caller.Send(Bot(agent), RawSip.Request("BYE", callId: "transfer-raw", cseq: 3, toTag: refer.From!.Tag));
        Assert.Equal(200, (await caller.ReceiveFinalAsync()).StatusCode);
        Assert.Equal(CallEndCause.RemoteHangup, (await handler.Ended.WaitAsync(Bounded)).Cause);
    }

    private static SipUserAgent StartAgent(ISipCallHandler handler, TimeProvider? time = null)
    {
        var agent = new SipUserAgent(
            new SipUserAgentOptions { ListenAddress = IPAddress.Loopback, Port = 0, RingingTime = TimeSpan.Zero, RtpPortMin = 30000, RtpPortMax = 39999 },
            handler, NullLoggerFactory.Instance, time ?? TimeProvider.System);
        agent.Start();
        return agent;
    }

    private static Task<SippResult> Call(SipUserAgent agent, string scenario) =>
        SippRunner.RunAsync(new SippOptions
        {
            ScenarioFile = scenario,
            Target = Bot(agent),
            Pause = TimeSpan.FromMilliseconds(500),
            Timeout = Bounded,
            TraceMessages = true,
        });
}
