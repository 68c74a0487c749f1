using System.Net;
using PhoneAgent.Integration.Tests.Peers;
using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>
/// Trunk/PBX mode against sipp on 127.0.0.1: a listed source calls straight in; an unlisted one gets 403, or a 401
/// challenge when inbound Digest is configured (then the call with the right password, 403 with a wrong one). A
/// refused caller never gets an RTP port, so no media can flow.
/// </summary>
public sealed class TrunkAdmissionTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(20);
    private static readonly IPNetwork OtherHost = IPNetwork.Parse("127.0.0.2/32");
    private static readonly SipInboundAuthOptions Credentials = new() { Username = "trunk", Password = "s3cret", Realm = "phoneagent.test" };

    [Fact]
    public async Task Listed_source_calls_in()
    {
        await using var bot = BotInstance.Start(configure: o => o with { Trunks = [OtherHost, IPNetwork.Parse("127.0.0.0/8")] });
        var result = await Call(bot, SippScenarios.BasicCall);
        Assert.True(result.Succeeded(1), result.Describe());
        Assert.Single(bot.Handler.Calls);
        Assert.Equal(1, bot.Agent.RtpPorts.Allocations);
    }

    [Fact]
    public async Task Unlisted_source_is_forbidden_without_media()
    {
        await using var bot = BotInstance.Start(configure: o => o with { Trunks = [OtherHost] });
        var result = await Call(bot, SippScenarios.Forbidden);
        Assert.True(result.Succeeded(1), result.Describe());
        Assert.Empty(bot.Handler.Calls);
        Assert.Equal(0, bot.Agent.RtpPorts.Allocations);
        // Out-of-dialog OPTIONS (keep-alive probes) still get their 200.
        Assert.True((await Call(bot, SippScenarios.Options)).Succeeded(1));
    }

    [Fact]
    public async Task Unlisted_source_with_the_right_password_is_challenged_then_taken()
    {
        await using var bot = BotInstance.Start(configure: o => o with { Trunks = [OtherHost], InboundAuth = Credentials });
        var result = await Call(bot, SippScenarios.DigestCall, "trunk", "s3cret");
        Assert.True(result.Succeeded(1), result.Describe());
        var call = Assert.Single(bot.Handler.Calls);
        Assert.Equal(CallEndCause.RemoteHangup, (await call.Completion.WaitAsync(Bounded)).Cause);
        Assert.Equal(1, bot.Agent.RtpPorts.Allocations);
    }

    [Fact]
    public async Task Wrong_password_is_forbidden_without_media()
    {
        await using var bot = BotInstance.Start(configure: o => o with { InboundAuth = Credentials });
        var result = await Call(bot, SippScenarios.DigestRefused, "trunk", "wrong");
        Assert.True(result.Succeeded(1), result.Describe());
        Assert.Empty(bot.Handler.Calls);
        Assert.Equal(0, bot.Agent.RtpPorts.Allocations);
    }

    private static Task<SippResult> Call(BotInstance bot, string scenario, string? user = null, string? password = null) =>
        SippRunner.RunAsync(new SippOptions
        {
            ScenarioFile = scenario,
            Target = bot.EndPoint,
            Pause = TimeSpan.FromMilliseconds(200),
            Timeout = Bounded,
            ExtraArguments = user is null ? [] : ["-au", user, "-ap", password!],
        });
}
