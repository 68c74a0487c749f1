using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Tests.Conversation.Fakes;

namespace PhoneAgent.Pipeline.Tests.Conversation;

public class ConversationFlowTests
{
    [Fact]
    public async Task Greeting_is_spoken_sentence_by_sentence_and_committed_as_heard()
    {
        await using var h = new PipelineHarness(greeting: "Hello there. How can I help?");
        h.Start();
        await h.WaitForQueuedAsync(PipelineHarness.Samples("Hello there.How can I help?"));
        await h.StepUntilAsync(() => h.Observer.Turns.Count == 1, "the greeting finished");

        var expected = Audio(h, "Hello there.", "How can I help?");
        Assert.Equal(expected, h.Port.Sent);
        var turn = h.Observer.Turns[0];
        Assert.False(turn.Interrupted);
        Assert.Equal("Hello there. How can I help?", turn.Heard);
        Assert.Equal([new ChatMessage(ChatRole.Assistant, "Hello there. How can I help?")], h.Pipeline.History);
    }

    [Fact]
    public async Task Caller_turn_reaches_the_agent_and_the_streamed_reply_plays_in_order()
    {
        await using var h = new PipelineHarness();
        h.Agent.WillReply(new AgentText("It is "), new AgentText("noon. Anything "), new AgentText("else?"));
        h.Start();
        await h.SayAsync("what time is it");

        await h.WaitUntilAsync(() => h.Agent.Histories.Count == 1, "the agent was asked");
        Assert.Equal([new ChatMessage(ChatRole.User, "what time is it")], h.Agent.Histories[0]);
        Assert.Equal(InputBandwidth.Narrowband, h.Stt.Options!.Bandwidth);
        Assert.Equal(h.Agent.SpeechHints, h.Stt.Options.Hints);

        await h.StepUntilAsync(() => h.Observer.Turns.Count == 1, "the reply finished");
        Assert.Equal(["It is noon.", "Anything else?"], h.Tts.Spoken);
        Assert.Equal(Audio(h, "It is noon.", "Anything else?"), h.Port.Sent);
        Assert.Equal(
            [new ChatMessage(ChatRole.User, "what time is it"), new ChatMessage(ChatRole.Assistant, "It is noon. Anything else?")],
            h.Pipeline.History);
        Assert.Equal("what time is it", h.Observer.Turns[0].UserText);
    }

    [Fact]
    public async Task Empty_transcript_starts_no_turn()
    {
        await using var h = new PipelineHarness();
        h.Start();
        await h.StepsAsync(15, CallerAudio.Speech);
        await h.StepsAsync(h.EndOfTurnFrames + 5, CallerAudio.Silence);
        h.Agent.WillReply(new AgentText("Yes?"));
        await h.SayAsync("hello");
        await h.WaitUntilAsync(() => h.Agent.Histories.Count == 1, "the agent was asked");
        Assert.Equal([new ChatMessage(ChatRole.User, "hello")], h.Agent.Histories[0]);
    }

    [Fact]
    public async Task Agent_failure_is_answered_with_the_apology_and_the_call_continues()
    {
        await using var h = new PipelineHarness();
        h.Agent.WillReply(new AgentText("Let me check. "), new InvalidOperationException("LLM down"));
        h.Start();
        await h.SayAsync("what is my balance");
        await h.StepUntilAsync(() => h.Observer.Turns.Count == 1, "the failed turn finished");
        Assert.Equal("Let me check. " + h.Settings.ApologyText, string.Join(' ', h.Tts.Spoken));
        Assert.Equal("Let me check. " + h.Settings.ApologyText, h.Observer.Turns[0].Heard);

        h.Agent.WillReply(new AgentText("Fine."));
        await h.SayAsync("hello?");
        await h.StepUntilAsync(() => h.Observer.Turns.Count == 2, "the next turn finished");
        Assert.Equal("Fine.", h.Observer.Turns[1].Heard);
        Assert.False(h.Run!.IsCompleted);
    }

    [Fact]
    public async Task Synthesis_failure_of_one_sentence_is_replaced_by_the_apology()
    {
        await using var h = new PipelineHarness();
        h.Tts.FailOn = "Broken sentence.";
        h.Agent.WillReply(new AgentText("Broken sentence. Works."));
        h.Start();
        await h.SayAsync("go");
        await h.StepUntilAsync(() => h.Observer.Turns.Count == 1, "the turn finished");
        Assert.Equal("Broken sentence. " + h.Settings.ApologyText + " Works.", string.Join(' ', h.Tts.Spoken));
        Assert.Equal(h.Settings.ApologyText + " Works.", h.Observer.Turns[0].Heard);
    }

    [Fact]
    public async Task Failing_recogniser_stream_is_replaced_and_the_call_continues()
    {
        await using var h = new PipelineHarness();
        h.Stt.FailNextPush = true;
        h.Agent.WillReply(new AgentText("Yes."));
        h.Start();
        await h.SayAsync("hello");
        await h.WaitUntilAsync(() => h.Agent.Histories.Count == 1, "the agent was asked");
        Assert.Equal([new ChatMessage(ChatRole.User, "hello")], h.Agent.Histories[0]);
        Assert.Equal(2, h.Stt.StreamsOpened);
    }

    [Fact]
    public async Task Key_pressed_during_a_reply_interrupts_it_and_reaches_the_agent()
    {
        await using var h = new PipelineHarness();
        h.Agent.WillReply(new AgentText("A long menu with many options to choose from."));
        h.Start();
        await h.SayAsync("menu");
        await h.WaitForQueuedAsync(PipelineHarness.Samples("A long menu with many options to choose from."));
        // 16 frames are 16 characters: "A long menu with" (one character per 20 ms in the fake synthesiser).
        await h.StepsAsync(16, CallerAudio.Silence);
        h.Agent.WillReply(new AgentText("Option two."));
        h.Port.PressKey('2');
        await h.WaitUntilAsync(() => h.Agent.Histories.Count == 2, "the agent was asked about the key");
        Assert.True(h.Observer.Turns[0].Interrupted);
        Assert.Equal(
            [new ChatMessage(ChatRole.User, "menu"), new ChatMessage(ChatRole.Assistant, "A long menu with"), new ChatMessage(ChatRole.User, "[DTMF 2]")],
            h.Agent.Histories[1]);
    }

    [Fact]
    public async Task Failing_detector_scores_silence_and_the_call_continues()
    {
        await using var h = new PipelineHarness();
        h.Onset.Throw = true;
        h.Agent.WillReply(new AgentText("Still here."));
        h.Start();
        await h.SayAsync("anyone there");
        await h.WaitUntilAsync(() => h.Agent.Histories.Count == 1, "the confirming detector alone found the turn");
    }

    [Fact]
    public async Task End_call_hangs_up_after_the_goodbye_has_played()
    {
        await using var h = new PipelineHarness();
        h.Agent.WillReply(new AgentText("Goodbye!"), new AgentEndCall(), new AgentText("Not said."));
        h.Start();
        await h.SayAsync("bye");
        await h.WaitForQueuedAsync(PipelineHarness.Samples("Goodbye!"));
        Assert.Null(h.Call.HungUpAtPosition);

        await h.StepUntilAsync(() => h.Call.HungUpAtPosition is not null, "the hang-up");
        Assert.Equal(PipelineHarness.Samples("Goodbye!"), h.Call.HungUpAtPosition);
        Assert.True(await h.Run!.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain("Not said.", h.Tts.Spoken);
    }

    [Fact]
    public async Task Failed_transfer_keeps_the_call_and_tells_the_agent()
    {
        await using var h = new PipelineHarness();
        h.Agent.WillReply(new AgentText("Transferring you."), new AgentTransfer("sip:sales@127.0.0.1"));
        h.Start();
        await h.SayAsync("sales please");
        await h.StepUntilAsync(() => h.Call.Transfers.Count == 1, "the transfer attempt");
        Assert.Equal("sip:sales@127.0.0.1", h.Call.Transfers[0]);
        Assert.Equal(PipelineHarness.Samples("Transferring you."), h.Port.Sent.Length);

        h.Agent.WillReply(new AgentText("Sorry."));
        await h.SayAsync("hello?");
        await h.WaitUntilAsync(() => h.Agent.Histories.Count == 2, "the next turn");
        Assert.Contains(h.Agent.Histories[1], m => m.Role == ChatRole.System && m.Content.Contains("sip:sales@127.0.0.1", StringComparison.Ordinal));
        Assert.False(h.Run!.IsCompleted);
    }

    [Fact]
    public async Task Dtmf_digit_reaches_the_agent_as_a_user_message()
    {
        await using var h = new PipelineHarness();
        h.Agent.WillReply(new AgentText("You pressed five."));
        h.Start();
        h.Port.PressKey('5');
        await h.WaitUntilAsync(() => h.Agent.Histories.Count == 1, "the agent was asked");
        Assert.Equal([new ChatMessage(ChatRole.User, "[DTMF 5]")], h.Agent.Histories[0]);
        Assert.Equal(['5'], h.Observer.Digits);
    }

    [Fact]
    public async Task Caller_media_ending_stops_the_pipeline()
    {
        var h = new PipelineHarness();
        h.Start();
        await h.StepsAsync(3, CallerAudio.Silence);
        h.Port.Frames.Complete();
        Assert.False(await h.Run!.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    internal static short[] Audio(PipelineHarness h, params string[] sentences) =>
        sentences.SelectMany(s => Enumerable.Repeat(h.Tts.MarkerOf(s), (int)PipelineHarness.Samples(s))).ToArray();
}
