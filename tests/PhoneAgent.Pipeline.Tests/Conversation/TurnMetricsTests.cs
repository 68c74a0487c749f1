using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Tests.Conversation.Fakes;

namespace PhoneAgent.Pipeline.Tests.Conversation;

public class TurnMetricsTests
{
    [Fact]
    public async Task Each_stage_is_stamped_on_the_virtual_clock()
    {
        await using var h = new PipelineHarness();
        h.Agent.WillReply(TimeSpan.FromMilliseconds(100), new AgentText("Sure."));
        h.Start();
        var t0 = h.Time.GetUtcNow();
        await h.SayAsync("can you help", frames: 15);
        var endOfTurn = h.Time.GetUtcNow();
        Assert.Equal(t0 + PipelineHarness.Frame * (15 + h.EndOfTurnFrames), endOfTurn);

        // The agent waits 100 ms of virtual time before its first token; advance only once its timer exists.
        await h.WaitUntilAsync(() => h.Time.ActiveTimerCount == 1, "the agent's delay started");
        await h.StepsAsync(4, CallerAudio.Silence);
        h.Time.Advance(PipelineHarness.Frame);
        await h.WaitForQueuedAsync(PipelineHarness.Samples("Sure."));
        await h.StepAsync(CallerAudio.Silence());
        await h.StepUntilAsync(() => h.Observer.Turns.Count == 1, "the reply finished");

        var m = h.Observer.Turns[0].Metrics;
        Assert.Equal(t0 + PipelineHarness.Frame * 15, m.CallerSpeechEndedAt);
        Assert.Equal(endOfTurn, m.SttFinalAt);
        Assert.Equal(endOfTurn + TimeSpan.FromMilliseconds(100), m.AgentFirstTokenAt);
        Assert.Equal(endOfTurn + TimeSpan.FromMilliseconds(100), m.TtsFirstAudioAt);
        Assert.Equal(endOfTurn + TimeSpan.FromMilliseconds(120), m.FirstAudioOnWireAt);
        Assert.Equal(TimeSpan.FromMilliseconds(720), m.ResponseLatency);
    }
}
