using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Tests.Conversation.Fakes;

namespace PhoneAgent.Pipeline.Tests.Conversation;

/// <summary>Barge-in heard on arrival, ahead of the jitter buffer, with the frame path still deciding (on virtual time).</summary>
public class ArrivalBargeInTests
{
    private const string First = "One two three.";
    private const string Second = "Four five six seven.";

    // The caller's audio reaches the frames this many packet times after it arrived: a 40 ms jitter buffer.
    private const int BufferFrames = 2;

    private static readonly long CutPosition = PipelineHarness.Samples(First) + PipelineHarness.Samples(Second) / 2;

    [Fact]
    public async Task Arriving_speech_cuts_the_port_before_its_frame_comes_out_and_the_frames_confirm_the_interrupt()
    {
        await using var h = new PipelineHarness();
        h.Agent.WillReply(new AgentText(First + " " + Second));
        h.Start();
        await PlayUntilCutPositionAsync(h);
        Assert.True(h.Port.HasArrivalListener);

        // Two 10 ms packets make one frame: the first half is not scored alone, the second completes it and cuts, on
        // the arriving thread, before the clock moves.
        var speech = CallerAudio.Speech();
        h.Port.Arrive(speech[..(speech.Length / 2)]);
        Assert.Empty(h.Port.Cuts);
        var onsetAt = h.Time.GetUtcNow();
        h.Port.Arrive(speech[(speech.Length / 2)..]);
        var cut = Assert.Single(h.Port.Cuts);
        Assert.Equal(CutPosition, cut.Position);

        // The buffer still plays out older silence: playback stays paused, nothing resumes.
        await h.StepsAsync(BufferFrames, CallerAudio.Silence);
        Assert.Equal(CutPosition, h.Port.PlaybackPosition);
        h.Stt.WillHear("stop please");
        await h.StepsAsync(h.MinSpeechFrames, CallerAudio.Speech);
        await h.WaitUntilAsync(() => h.Observer.Turns.Count == 1, "the interrupted turn finished");

        Assert.Single(h.Port.Cuts);
        Assert.Equal(CutPosition, h.Port.PlaybackPosition);
        Assert.True(h.Observer.Turns[0].Interrupted);
        Assert.Equal("One two three. Four five", h.Observer.Turns[0].Heard);
        var bargeIn = Assert.Single(h.Observer.BargeIns);
        Assert.True(bargeIn.Interrupted);
        Assert.Equal(onsetAt, bargeIn.OnsetAt);
    }

    [Fact]
    public async Task An_arriving_cough_the_frames_reject_resumes_the_remainder_without_loss()
    {
        await using var h = new PipelineHarness();
        h.Agent.WillReply(new AgentText(First + " " + Second));
        h.Start();
        await PlayUntilCutPositionAsync(h);

        h.Port.Arrive(CallerAudio.Noise());
        Assert.Equal(CutPosition, Assert.Single(h.Port.Cuts).Position);
        await h.StepsAsync(BufferFrames, CallerAudio.Silence);
        await h.StepAsync(CallerAudio.Noise());
        await h.StepsAsync(h.MinSpeechFrames - 1, CallerAudio.Silence);
        Assert.Equal(CutPosition, h.Port.PlaybackPosition);
        await h.StepUntilAsync(() => h.Observer.Turns.Count == 1, "the resumed turn finished");

        Assert.Single(h.Port.Cuts);
        Assert.Equal(ConversationFlowTests.Audio(h, First, Second), h.Port.Sent);
        Assert.False(h.Observer.Turns[0].Interrupted);
        Assert.False(Assert.Single(h.Observer.BargeIns).Interrupted);
    }

    [Fact]
    public async Task An_arriving_onset_the_frames_never_hear_resumes_after_the_confirm_window()
    {
        await using var h = new PipelineHarness();
        h.Agent.WillReply(new AgentText(First + " " + Second));
        h.Start();
        await PlayUntilCutPositionAsync(h);

        h.Port.Arrive(CallerAudio.Noise());
        await h.StepsAsync(h.ConfirmWindowFrames - 1, CallerAudio.Silence);
        Assert.Equal(CutPosition, h.Port.PlaybackPosition);
        await h.StepAsync(CallerAudio.Silence());
        await h.StepUntilAsync(() => h.Observer.Turns.Count == 1, "the resumed turn finished");

        Assert.Equal(ConversationFlowTests.Audio(h, First, Second), h.Port.Sent);
        Assert.False(Assert.Single(h.Observer.BargeIns).Interrupted);
        Assert.Equal(0, h.Stt.Discards);
    }

    [Fact]
    public async Task Arriving_audio_that_stays_loud_pauses_once_and_a_new_rise_after_a_resume_pauses_again()
    {
        await using var h = new PipelineHarness();
        h.Agent.WillReply(new AgentText(First + " " + Second));
        h.Start();
        await PlayUntilCutPositionAsync(h);

        var queued = h.Port.TotalQueued;
        h.Port.Arrive(CallerAudio.Noise());
        h.Port.Arrive(CallerAudio.Noise());
        Assert.Single(h.Port.Cuts);
        await h.StepsAsync(h.ConfirmWindowFrames, CallerAudio.Silence);
        Assert.False(Assert.Single(h.Observer.BargeIns).Interrupted);

        // The remainder goes back to the port once the pipeline has read the port's report of the cut, on its own
        // task: a rise before that only cancels the pending resume (the port is still cut), with no second cut.
        await h.WaitUntilAsync(() => h.Port.TotalQueued > queued, "the remainder was queued again");
        h.Port.Arrive(CallerAudio.Silence());
        h.Port.Arrive(CallerAudio.Noise());
        Assert.Equal(2, h.Port.Cuts.Count);
    }

    [Fact]
    public async Task A_packet_in_flight_when_the_call_ends_does_not_reach_the_detector()
    {
        var h = new PipelineHarness();
        h.Agent.WillReply(new AgentText(First));
        h.Start();
        await h.WaitUntilAsync(() => h.Port.HasArrivalListener, "the arrival listener is set");
        var inFlight = h.Port.ArrivalListener!;
        await h.DisposeAsync();
        Assert.False(h.Port.HasArrivalListener);

        // The host disposes the detector once the call has ended; one that is still called fails (here: throws).
        h.Arrival.Throw = true;
        inFlight(CallerAudio.Speech());
        Assert.DoesNotContain(h.Log.Lines, line => line.Contains("onset detector", StringComparison.Ordinal));
        Assert.Empty(h.Port.Cuts);
    }

    private static async Task PlayUntilCutPositionAsync(PipelineHarness h)
    {
        await h.SayAsync("tell me a story");
        await h.WaitForQueuedAsync(PipelineHarness.Samples(First) + PipelineHarness.Samples(Second));
        await h.StepUntilAsync(() => h.Port.PlaybackPosition >= CutPosition, "playback reached the cut position");
        Assert.Equal(CutPosition, h.Port.PlaybackPosition);
    }
}
