using System.Text.RegularExpressions;

namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>
/// Validates every UAC scenario against its companion UAS (Scenarios/peers/) over UDP and TCP, so a
/// failure against the bot points at the bot and not at the scenario.
/// </summary>
public sealed partial class ScenarioPairTests
{
    public static TheoryData<string, string, PeerTransport> Pairs()
    {
        var data = new TheoryData<string, string, PeerTransport>();
        foreach (var transport in new[] { PeerTransport.Udp, PeerTransport.Tcp })
        {
            data.Add("basic-call.xml", "uas-answer.xml", transport);
            data.Add("cancel.xml", "peers/cancel-uas.xml", transport);
            data.Add("cancel.xml", "peers/cancel-uas-reversed.xml", transport);
            data.Add("options.xml", "peers/options-uas.xml", transport);
            data.Add("reinvite-hold.xml", "peers/reinvite-uas.xml", transport);
            data.Add("unsupported-codec.xml", "peers/reject-488-uas.xml", transport);
            data.Add("bye-from-bot.xml", "peers/bye-uas.xml", transport);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task UacScenarioPassesAgainstItsCompanion(string uac, string uas, PeerTransport transport)
    {
        var (caller, callee) = await RunPairAsync(uac, uas, transport);

        Assert.True(caller.Succeeded(expectedCalls: 1), "caller: " + caller.Describe());
        Assert.True(callee.Succeeded(expectedCalls: 1), "callee: " + callee.Describe());
    }

    [Theory]
    [InlineData("cancel.xml", "peers/cancel-uas.xml", "CANCEL")]
    [InlineData("cancel.xml", "peers/cancel-uas-reversed.xml", "CANCEL")]
    [InlineData("unsupported-codec.xml", "peers/reject-488-uas.xml", null)]
    public async Task RequestsOfTheInviteTransactionReuseItsBranch(string uac, string uas, string? alsoSent)
    {
        var (caller, _) = await RunPairAsync(uac, uas, PeerTransport.Udp);

        // RFC 3261 9.1 and 17.1.1.3: CANCEL and the ACK for a non-2xx response carry the INVITE's branch.
        var invite = SentBranches(caller.MessageLog, "INVITE");
        var ack = SentBranches(caller.MessageLog, "ACK");
        Assert.Single(invite);
        Assert.Equal(invite, ack);
        if (alsoSent is not null) Assert.Equal(invite, SentBranches(caller.MessageLog, alsoSent));
    }

    private static async Task<(SippResult Caller, SippResult Callee)> RunPairAsync(string uac, string uas, PeerTransport transport)
    {
        await using var callee = await SippRunner.StartAsync(new SippOptions
        {
            ScenarioFile = SippScenarios.Of(uas),
            Transport = transport,
            Calls = 1,
            Pause = TimeSpan.FromMilliseconds(20),
            Timeout = TimeSpan.FromSeconds(8),
        });
        var caller = await SippRunner.RunAsync(new SippOptions
        {
            ScenarioFile = SippScenarios.Of(uac),
            Target = callee.EndPoint,
            Transport = transport,
            Pause = TimeSpan.FromMilliseconds(20),
            Timeout = TimeSpan.FromSeconds(8),
            TraceMessages = true,
        });
        return (caller, await callee.WaitForExitAsync());
    }

    private static string[] SentBranches(string messageLog, string method) =>
        [.. SentRequest().Matches(messageLog)
            .Where(m => m.Groups["method"].Value == method)
            .Select(m => m.Groups["branch"].Value)
            .Distinct()];

    // A request line and its Via in sipp's -trace_msg log, e.g. "UDP message sent ...\n\nINVITE sip:... SIP/2.0\nVia: ...;branch=z9hG4bK-1-2-0".
    [GeneratedRegex(@"message sent[^\n]*\n\s*\n(?<method>[A-Z]+) [^\n]* SIP/2\.0\r?\nVia: [^\n]*;branch=(?<branch>[^;\s]+)")]
    private static partial Regex SentRequest();
}
