namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>
/// Checks the sipp harness itself against sipp's own UAS scenarios, and that the scenario assertions
/// really fail when the far end misbehaves.
/// </summary>
public sealed class SippRunnerTests
{
    [Theory]
    [InlineData(PeerTransport.Udp)]
    [InlineData(PeerTransport.Tcp)]
    public async Task BasicCallAgainstBuiltInUasSucceeds(PeerTransport transport)
    {
        await using var uas = await SippRunner.StartAsync(new SippOptions { BuiltInScenario = "uas", Transport = transport, Calls = 0 });

        var result = await SippRunner.RunAsync(new SippOptions
        {
            ScenarioFile = SippScenarios.BasicCall,
            Target = uas.EndPoint,
            Transport = transport,
            Pause = TimeSpan.FromMilliseconds(50),
            Timeout = TimeSpan.FromSeconds(8),
        });

        Assert.True(result.Succeeded(expectedCalls: 1), result.Describe());
    }

    [Theory]
    [InlineData(PeerTransport.Udp)]
    [InlineData(PeerTransport.Tcp)]
    public async Task ServerExitsAfterItsCallsAndCountsThem(PeerTransport transport)
    {
        await using var uas = await SippRunner.StartAsync(
            new SippOptions { ScenarioFile = SippScenarios.UasAnswer, Transport = transport, Calls = 3, Timeout = TimeSpan.FromSeconds(8) });

        var caller = await SippRunner.RunAsync(new SippOptions
        {
            ScenarioFile = SippScenarios.BasicCall,
            Target = uas.EndPoint,
            Transport = transport,
            Calls = 3,
            Rate = 100,
            Timeout = TimeSpan.FromSeconds(8),
        });
        var callee = await uas.WaitForExitAsync();

        Assert.True(caller.Succeeded(expectedCalls: 3), caller.Describe());
        Assert.True(callee.Succeeded(expectedCalls: 3), callee.Describe());
    }

    [Fact]
    public async Task StoppedServerReportsTheCallsItTook()
    {
        await using var uas = await SippRunner.StartAsync(new SippOptions { ScenarioFile = SippScenarios.UasAnswer, Calls = 0 });
        var caller = await SippRunner.RunAsync(new SippOptions
        {
            ScenarioFile = SippScenarios.BasicCall,
            Target = uas.EndPoint,
            Calls = 2,
            Rate = 100,
            Timeout = TimeSpan.FromSeconds(8),
        });

        var callee = await uas.StopAsync();

        Assert.True(caller.Succeeded(expectedCalls: 2), caller.Describe());
        Assert.True(callee.Succeeded(expectedCalls: 2), callee.Describe());
    }

    [Fact]
    public async Task OptionsScenarioFailsWhenAllowIsMissing()
    {
        // -aa: sipp answers out-of-dialog OPTIONS with a bare 200 (no Allow, no To tag).
        await using var responder = await SippRunner.StartAsync(
            new SippOptions { BuiltInScenario = "uas", Calls = 0, ExtraArguments = ["-aa"] });

        var result = await SippRunner.RunAsync(new SippOptions
        {
            ScenarioFile = SippScenarios.Options,
            Target = responder.EndPoint,
            Timeout = TimeSpan.FromSeconds(8),
        });

        Assert.Equal(1, result.FailedCalls);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Failed regexp match", result.ErrorLog);
    }

    [Fact]
    public async Task UnansweredCallTimesOutWithinTheBound()
    {
        // A UDP port nobody listens on: sipp retransmits the INVITE until its global timeout fails the run.
        var silent = new System.Net.IPEndPoint(FreePort.Loopback, FreePort.Udp());

        var result = await SippRunner.RunAsync(new SippOptions
        {
            ScenarioFile = SippScenarios.BasicCall,
            Target = silent,
            Timeout = TimeSpan.FromSeconds(2),
        });

        Assert.False(result.Succeeded(expectedCalls: 1));
        Assert.False(result.TimedOut, "sipp should stop on its own -timeout before the hard kill");
        Assert.NotEqual(0, result.ExitCode);
    }
}
