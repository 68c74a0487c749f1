namespace PhoneAgent.Integration.Tests.Peers;

public sealed class ProcessRunnerTests
{
    [Fact]
    public async Task HardTimeoutKillsTheProcess()
    {
        await using var sleeper = ProcessRunner.Start("sleep", ["30"]);

        var result = await sleeper.WaitForExitAsync(TimeSpan.FromMilliseconds(200));

        Assert.True(result.TimedOut);
        Assert.True(sleeper.HasExited);
    }

    [Fact]
    public async Task WaitsForLinesAndFailsOnceOutputEnds()
    {
        await using var printer = ProcessRunner.Start("printf", ["first\\nsecond\\n"]);

        var (index, line) = await printer.WaitForLineAsync(l => l.StartsWith("sec", StringComparison.Ordinal), 0, TimeSpan.FromSeconds(5));
        await printer.WaitForExitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal((1, "second"), (index, line));
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => printer.WaitForLineAsync(l => l == "third", 0, TimeSpan.FromSeconds(5)));
    }
}
