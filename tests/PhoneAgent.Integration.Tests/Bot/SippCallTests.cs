using PhoneAgent.Integration.Tests.Peers;
using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>
/// The bot against real sipp UACs on loopback, over UDP and TCP: each scenario asserts the exact responses,
/// and the bot's own view of the call (events, end cause) is checked too.
/// </summary>
public sealed class SippCallTests
{
    private static readonly TimeSpan SippTimeout = TimeSpan.FromSeconds(20);

    private static Task<SippResult> RunAsync(BotInstance bot, string scenario, PeerTransport transport, int calls = 1) =>
        SippRunner.RunAsync(new SippOptions
        {
            ScenarioFile = scenario,
            Target = bot.EndPoint,
            Transport = transport,
            Calls = calls,
            Rate = 20,
            Pause = TimeSpan.FromMilliseconds(100),
            Timeout = SippTimeout,
            TraceMessages = true,
        });

    private static async Task<CallEnded> EndOf(SipCall call) => await call.Completion.WaitAsync(SippTimeout);

    [Theory]
    [InlineData(PeerTransport.Udp)]
    [InlineData(PeerTransport.Tcp)]
    public async Task Basic_call_with_bye_from_the_caller(PeerTransport transport)
    {
        await using var bot = BotInstance.Start();
        var result = await RunAsync(bot, SippScenarios.BasicCall, transport, calls: 3);
        Assert.True(result.Succeeded(3), result.Describe());
        Assert.Equal(3, bot.Handler.Calls.Count);
        foreach (var call in bot.Handler.Calls)
        {
            Assert.Equal(CallEndCause.RemoteHangup, (await EndOf(call)).Cause);
            await bot.Handler.EventsDrained(call).WaitAsync(SippTimeout);
            var events = bot.Handler.EventsOf(call);
            var answered = Assert.IsType<CallAnswered>(events[0]);
            Assert.Equal("PCMU", answered.Media.Audio.Codec.EncodingName);
            Assert.Equal(0, answered.Media.Audio.Codec.PayloadType);
        }
        Assert.Empty(bot.Agent.Calls);
    }

    [Theory]
    [InlineData(PeerTransport.Udp)]
    [InlineData(PeerTransport.Tcp)]
    public async Task Cancel_before_answer_gets_200_and_487(PeerTransport transport)
    {
        // Ring long enough that the CANCEL always arrives before the answer.
        await using var bot = BotInstance.Start(configure: o => o with { RingingTime = TimeSpan.FromSeconds(30) });
        var result = await RunAsync(bot, SippScenarios.Cancel, transport);
        Assert.True(result.Succeeded(1), result.Describe());
        var call = Assert.Single(bot.Handler.Calls);
        var ended = await EndOf(call);
        Assert.Equal(CallEndCause.Cancelled, ended.Cause);
        Assert.Equal(487, ended.StatusCode);
    }

    [Theory]
    [InlineData(PeerTransport.Udp)]
    [InlineData(PeerTransport.Tcp)]
    public async Task Options_is_answered_with_allow_accept_supported(PeerTransport transport)
    {
        await using var bot = BotInstance.Start();
        var result = await RunAsync(bot, SippScenarios.Options, transport);
        Assert.True(result.Succeeded(1), result.Describe());
        Assert.Contains("Accept: application/sdp", result.MessageLog);
        Assert.Contains("Supported:", result.MessageLog);
    }

    [Theory]
    [InlineData(PeerTransport.Udp)]
    [InlineData(PeerTransport.Tcp)]
    public async Task Reinvite_hold_and_resume(PeerTransport transport)
    {
        await using var bot = BotInstance.Start();
        var result = await RunAsync(bot, SippScenarios.ReinviteHold, transport);
        Assert.True(result.Succeeded(1), result.Describe());
        var call = Assert.Single(bot.Handler.Calls);
        await EndOf(call);
        await bot.Handler.EventsDrained(call).WaitAsync(SippTimeout);
        var kinds = bot.Handler.EventsOf(call).Select(e => e.GetType()).ToArray();
        Assert.Equal([typeof(CallAnswered), typeof(CallHeld), typeof(CallResumed), typeof(CallEnded)], kinds);
    }

    [Theory]
    [InlineData(PeerTransport.Udp)]
    [InlineData(PeerTransport.Tcp)]
    public async Task Offer_with_only_an_unsupported_codec_gets_488(PeerTransport transport)
    {
        await using var bot = BotInstance.Start();
        var result = await RunAsync(bot, SippScenarios.UnsupportedCodec, transport);
        Assert.True(result.Succeeded(1), result.Describe());
        Assert.Empty(bot.Handler.Calls);
    }

    [Theory]
    [InlineData(PeerTransport.Udp)]
    [InlineData(PeerTransport.Tcp)]
    public async Task Bot_hangs_up_with_bye(PeerTransport transport)
    {
        await using var bot = BotInstance.Start(new RecordingCallHandler { HangUpWhenAnswered = true });
        var result = await RunAsync(bot, SippScenarios.ByeFromBot, transport);
        Assert.True(result.Succeeded(1), result.Describe());
        var call = Assert.Single(bot.Handler.Calls);
        Assert.Equal(CallEndCause.LocalHangup, (await EndOf(call)).Cause);
    }

    [Fact]
    public async Task Over_capacity_gets_503_with_retry_after()
    {
        await using var bot = BotInstance.Start(configure: o => o with { MaxConcurrentCalls = 1, RingingTime = TimeSpan.FromSeconds(30) });
        using var caller = new RawUdpClient();
        caller.Send(bot.EndPoint, RawSip.Invite("capacity-1"));
        var ringing = await bot.Handler.FirstCall.WaitAsync(SippTimeout);
        caller.Send(bot.EndPoint, RawSip.Invite("capacity-2"));
        var refused = await caller.ReceiveFinalAsync();
        Assert.Equal(503, refused.StatusCode);
        Assert.Equal("capacity-2", refused.CallId);
        Assert.NotNull(refused.Headers.GetFirst("Retry-After"));
        Assert.Equal(SipCallState.Ringing, ringing.State);
    }
}
