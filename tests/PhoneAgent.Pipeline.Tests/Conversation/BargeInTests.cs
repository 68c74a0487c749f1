using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Conversation;
using PhoneAgent.Pipeline.Tests.Conversation.Fakes;

namespace PhoneAgent.Pipeline.Tests.Conversation;

public class BargeInTests
{
    private const string First = "One two three.";
    private const string Second = "Four five six seven.";

    // Half of the second sentence: 14 + 10 frames of 320 samples, each character being one frame.
    private static readonly long CutPosition = PipelineHarness.Samples(First) + PipelineHarness.Samples(Second) / 2;

    [Fact]
    public async Task Onset_cuts_the_port_within_the_frame_and_confirmed_speech_interrupts_the_turn()
    {
        await using var h = new PipelineHarness();
        var rest = new TaskCompletionSource();
        h.Agent.WillReply(new AgentText(First + " "), new AgentText(Second + " "), rest.Task, new AgentText("Never spoken. "));
        h.Start();
        await PlayUntilCutPositionAsync(h);

        // The onset frame arrives; the cut must happen while processing it, before the clock moves on.
        var onsetAt = h.Time.GetUtcNow();
        await h.Port.Frames.PushAsync(CallerAudio.Speech());
        Assert.Equal(onsetAt, h.Time.GetUtcNow());
        var cut = Assert.Single(h.Port.Cuts);
        Assert.Equal(CutPosition, cut.Position);
        Assert.Equal(PipelineHarness.Samples(Second) / 2, cut.Dropped);

        h.Stt.WillHear("stop please");
        await h.StepsAsync(h.MinSpeechFrames, CallerAudio.Speech);
        await h.WaitUntilAsync(() => h.Observer.Turns.Count == 1, "the interrupted turn finished");
        await h.WaitUntilAsync(() => h.Agent.Cancelled, "the agent's stream was cancelled");
        rest.SetResult();

        var turn = h.Observer.Turns[0];
        Assert.True(turn.Interrupted);
        Assert.Equal("One two three. Four five six seven.", turn.Said);
        Assert.Equal("One two three. Four five", turn.Heard);
        var bargeIn = Assert.Single(h.Observer.BargeIns);
        Assert.True(bargeIn.Interrupted);
        Assert.Equal(onsetAt, bargeIn.OnsetAt);

        // The caller's next turn is answered; nothing of the old turn reaches the port after the cut.
        h.Agent.WillReply(new AgentText("Okay."));
        await h.StepsAsync(h.EndOfTurnFrames, CallerAudio.Silence);
        await h.StepUntilAsync(() => h.Observer.Turns.Count == 2, "the next turn finished");
        Assert.Equal(ConversationFlowTests.Audio(h, First, Second)[..(int)CutPosition], h.Port.Sent[..(int)CutPosition]);
        Assert.Equal(ConversationFlowTests.Audio(h, "Okay."), h.Port.Sent[(int)CutPosition..]);
        Assert.DoesNotContain("Never spoken.", h.Tts.Spoken);
        Assert.Equal(
            [
                new ChatMessage(ChatRole.User, "tell me a story"),
                new ChatMessage(ChatRole.Assistant, "One two three. Four five"),
                new ChatMessage(ChatRole.User, "stop please"),
            ],
            h.Agent.Histories[1]);
    }

    [Fact]
    public async Task Noise_onset_is_a_false_interruption_and_the_remainder_plays_without_loss()
    {
        await using var h = new PipelineHarness();
        h.Agent.WillReply(new AgentText(First + " " + Second));
        h.Start();
        await PlayUntilCutPositionAsync(h);

        await h.Port.Frames.PushAsync(CallerAudio.Noise());
        Assert.Equal(CutPosition, Assert.Single(h.Port.Cuts).Position);

        // While the onset is undecided nothing plays; once rejected, playback resumes where it was cut.
        await h.StepsAsync(h.MinSpeechFrames - 1, CallerAudio.Silence);
        Assert.Equal(CutPosition, h.Port.PlaybackPosition);
        await h.StepUntilAsync(() => h.Observer.Turns.Count == 1, "the resumed turn finished");

        Assert.Equal(ConversationFlowTests.Audio(h, First, Second), h.Port.Sent);
        var turn = h.Observer.Turns[0];
        Assert.False(turn.Interrupted);
        Assert.Equal("One two three. Four five six seven.", turn.Heard);
        Assert.False(Assert.Single(h.Observer.BargeIns).Interrupted);
        Assert.Equal(1, h.Stt.Discards);
    }

    [Fact]
    public async Task Onset_while_the_agent_is_still_thinking_interrupts_the_turn_in_flight()
    {
        await using var h = new PipelineHarness();
        var never = new TaskCompletionSource();
        h.Agent.WillReply(never.Task, new AgentText("Too late."));
        h.Start();
        await h.SayAsync("first question");
        await h.WaitUntilAsync(() => h.Agent.Histories.Count == 1, "the agent was asked");

        // No audio is queued or playing, but a turn is in flight: confirmed speech still interrupts it.
        h.Agent.WillReply(new AgentText("Answer to both."));
        await h.SayAsync("and another thing");
        await h.WaitUntilAsync(() => h.Agent.Histories.Count == 2, "the agent was asked again");
        Assert.True(h.Observer.Turns[0].Interrupted);
        Assert.Equal(
            [new ChatMessage(ChatRole.User, "first question"), new ChatMessage(ChatRole.User, "and another thing")],
            h.Agent.Histories[1]);
        await h.StepUntilAsync(() => h.Observer.Turns.Count == 2, "the answer finished");
        Assert.DoesNotContain("Too late.", h.Tts.Spoken);
    }

    [Fact]
    public async Task Greeting_configured_not_interruptible_plays_in_full_before_the_callers_turn()
    {
        const string greeting = "Welcome to the test line of the phone agent, please hold on while I finish this long sentence.";
        var settings = new ConversationSettings { GreetingInterruptible = false };
        await using var h = new PipelineHarness(settings, greeting);
        h.Agent.WillReply(new AgentText("Hi."));
        h.Start();
        var total = ConversationFlowTests.Audio(h, "Welcome to the test line of the phone agent,", "please hold on while I finish this long sentence.");
        await h.WaitForQueuedAsync(total.Length);
        await h.StepsAsync(3, CallerAudio.Silence);
        await h.SayAsync("hi", frames: 10);

        Assert.Empty(h.Port.Cuts);
        Assert.Empty(h.Agent.Histories);
        await h.StepUntilAsync(() => h.Agent.Histories.Count == 1, "the caller's turn after the greeting");
        Assert.Equal(total, h.Port.Sent[..total.Length]);
        Assert.Equal(
            [new ChatMessage(ChatRole.Assistant, greeting), new ChatMessage(ChatRole.User, "hi")],
            h.Agent.Histories[0]);
    }

    [Fact]
    public async Task Interruptible_greeting_is_cut_by_the_caller()
    {
        await using var h = new PipelineHarness(greeting: "Welcome to the test line.");
        h.Start();
        await h.WaitForQueuedAsync(PipelineHarness.Samples("Welcome to the test line."));
        // Six frames play, then the onset frame's own packet time plays a seventh: "Welcome" is 7 of 25 characters.
        await h.StepsAsync(6, CallerAudio.Silence);
        await h.StepsAsync(h.MinSpeechFrames, CallerAudio.Speech);
        await h.WaitUntilAsync(() => h.Observer.Turns.Count == 1, "the greeting was interrupted");
        Assert.True(h.Observer.Turns[0].Interrupted);
        Assert.Equal("Welcome", h.Observer.Turns[0].Heard);
    }

    private static async Task PlayUntilCutPositionAsync(PipelineHarness h)
    {
        await h.SayAsync("tell me a story");
        await h.WaitForQueuedAsync(PipelineHarness.Samples(First) + PipelineHarness.Samples(Second));
        await h.StepUntilAsync(() => h.Port.PlaybackPosition >= CutPosition, "playback reached the cut position");
        Assert.Equal(CutPosition, h.Port.PlaybackPosition);
    }
}
