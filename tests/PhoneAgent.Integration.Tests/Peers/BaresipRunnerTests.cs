namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>Checks the baresip harness against sipp, in both directions.</summary>
public sealed class BaresipRunnerTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(PeerTransport.Udp)]
    [InlineData(PeerTransport.Tcp)]
    public async Task DialsSippAndHangsUp(PeerTransport transport)
    {
        await using var callee = await SippRunner.StartAsync(
            new SippOptions { ScenarioFile = SippScenarios.UasAnswer, Transport = transport, Calls = 1, Timeout = TimeSpan.FromSeconds(8) });
        await using var phone = await BaresipRunner.StartAsync();

        await phone.DialAsync(callee.Uri());
        await phone.WaitForEstablishedAsync(EventTimeout);
        await phone.HangupAsync();
        var closed = await phone.WaitForClosedAsync(EventTimeout);
        var result = await callee.WaitForExitAsync();

        Assert.Contains("terminate call", closed);
        Assert.True(result.Succeeded(expectedCalls: 1), result.Describe() + "\n--- baresip ---\n" + phone.Output);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnswersSippCall(bool autoAnswer)
    {
        await using var phone = await BaresipRunner.StartAsync(new BaresipOptions { AutoAnswer = autoAnswer });
        await using var caller = await SippRunner.StartAsync(new SippOptions
        {
            ScenarioFile = SippScenarios.BasicCall,
            Target = new System.Net.IPEndPoint(FreePort.Loopback, phone.SipPort),
            Service = "peer",
            Pause = TimeSpan.FromMilliseconds(300),
            Timeout = TimeSpan.FromSeconds(8),
        });

        await phone.WaitForIncomingAsync(EventTimeout);
        if (!autoAnswer) await phone.AcceptAsync();
        await phone.WaitForEstablishedAsync(EventTimeout);
        var closed = await phone.WaitForClosedAsync(EventTimeout);
        var result = await caller.WaitForExitAsync();

        Assert.Contains("session closed", closed);
        Assert.True(result.Succeeded(expectedCalls: 1), result.Describe() + "\n--- baresip ---\n" + phone.Output);
    }
}
