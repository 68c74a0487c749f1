using PhoneAgent.Integration.Tests.Fuzz;
using PhoneAgent.Integration.Tests.Peers;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>Garbage never kills the listener: 10,000 random and mutated datagrams, then a real call.</summary>
public sealed class GarbageTests
{
    [Fact]
    public async Task Ten_thousand_bad_datagrams_then_a_real_call_succeeds()
    {
        // Some mutated INVITEs are still valid calls, and each rings, answers and waits 64*T1 for an ACK that
        // never comes; room for all of them keeps this a test of the listener, not of the 503 at capacity.
        await using var bot = BotInstance.Start(configure: o => o with { MaxConcurrentCalls = 10_000, RtpPortMin = 20000, RtpPortMax = 39999 });
        var fuzzer = new DatagramFuzzer(seed: 4475, bot.EndPoint);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var sent = await DatagramFuzzer.SendAsync(fuzzer.Generate(DatagramFuzzer.DefaultCount), bot.EndPoint, cts.Token);
        Assert.Equal(DatagramFuzzer.DefaultCount, sent);

        var result = await SippRunner.RunAsync(new SippOptions
        {
            ScenarioFile = SippScenarios.BasicCall,
            Target = bot.EndPoint,
            Pause = TimeSpan.FromMilliseconds(100),
            Timeout = TimeSpan.FromSeconds(20),
        });
        Assert.True(result.Succeeded(1), result.Describe() + $"\ncalls created by garbage: {bot.Handler.Calls.Count}, live {bot.Agent.Calls.Count}");

        // The garbage was really seen and judged, not lost in a socket buffer: most of it is dropped or answered 400.
        var counters = bot.Agent.Transport.Counters;
        Assert.True(counters.UnparseableDropped + counters.BadRequestsAnswered + counters.InvalidResponsesDropped > DatagramFuzzer.DefaultCount / 4,
            $"dropped {counters.UnparseableDropped}, 400 {counters.BadRequestsAnswered}, bad responses {counters.InvalidResponsesDropped}, received {counters.Received}");
    }
}
