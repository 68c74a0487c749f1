using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Conversation;
using PhoneAgent.Pipeline.Tests.Conversation.Fakes;
using PhoneAgent.Pipeline.Turns;

namespace PhoneAgent.Pipeline.Tests.Conversation;

/// <summary>
/// The early end of a turn: the recogniser's partial result, judged complete by the agent, ends the turn after the
/// short silence; anything else waits for the full one.
/// </summary>
public class CompleteTurnTests
{
    private const int CompleteFrames = 10;
    private const int FullFrames = 30;

    private static PipelineHarness Harness(int completeFrames = CompleteFrames) => new(new ConversationSettings
    {
        Turn = new TurnDetectorSettings
        {
            MinSpeech = TimeSpan.FromMilliseconds(200),
            EndOfTurnSilence = FullFrames * PipelineHarness.Frame,
            CompleteTurnSilence = completeFrames * PipelineHarness.Frame,
        },
    });

    [Fact]
    public async Task Complete_partial_ends_the_turn_after_the_short_silence_with_the_whole_utterance()
    {
        await using var h = Harness();
        h.Agent.CompleteTurns.Add("what time");
        h.Agent.WillReply(new AgentText("Nine."));
        h.Start();
        await SpeakAsync(h, partial: "what time", final: "what time do you open");

        Assert.Equal(CompleteFrames, await SilenceUntilFlushAsync(h, expectedFlushes: 1));
        await h.WaitUntilAsync(() => h.Agent.Histories.Count == 1, "the agent was asked");
        Assert.Equal([new ChatMessage(ChatRole.User, "what time do you open")], h.Agent.Histories[0]);
    }

    [Fact]
    public async Task Incomplete_partial_waits_for_the_full_silence()
    {
        await using var h = Harness();
        h.Agent.CompleteTurns.Add("what time");
        h.Start();
        await SpeakAsync(h, partial: "what", final: "what time do you open");

        Assert.Equal(FullFrames, await SilenceUntilFlushAsync(h, expectedFlushes: 1));
    }

    [Fact]
    public async Task The_recogniser_hears_the_short_silence_of_a_turn_that_waits_for_the_full_one()
    {
        await using var h = Harness();
        h.Agent.CompleteTurns.Add("what time");
        h.Start();
        await SpeakAsync(h, partial: "what", final: "what time do you open");

        Assert.Equal(FullFrames, await SilenceUntilFlushAsync(h, expectedFlushes: 1));

        // The short end's frames, which may settle the last word into a complete partial, and the frame that ends
        // the turn; not the 19 between.
        Assert.Equal(CompleteFrames + 1, h.Stt.SilentFramesPushed);
    }

    [Fact]
    public async Task Off_waits_for_the_full_silence_even_when_the_partial_is_complete()
    {
        await using var h = Harness(completeFrames: 0);
        h.Agent.CompleteTurns.Add("what time");
        h.Start();
        await SpeakAsync(h, partial: "what time", final: "what time do you open");

        Assert.Equal(FullFrames, await SilenceUntilFlushAsync(h, expectedFlushes: 1));
    }

    [Fact]
    public async Task Late_partial_of_a_closed_utterance_does_not_shorten_the_next_one()
    {
        await using var h = Harness();
        h.Agent.CompleteTurns.Add("what time");
        var held = new TaskCompletionSource();
        h.Stt.ResultsGate = held.Task;
        h.Start();

        // The first utterance's complete partials reach the recogniser only after its turn has ended.
        h.Stt.Partial = "what time";
        h.Stt.WillHear("what time");
        await h.StepsAsync(15, CallerAudio.Speech);
        h.Stt.Partial = null;
        Assert.Equal(FullFrames, await SilenceUntilFlushAsync(h, expectedFlushes: 1));
        held.SetResult();
        await h.WaitUntilAsync(() => h.Stt.PartialsHandled, "the late partials were read");

        // The next utterance has no partial result of its own (pocketsphinx reports none until it has a word).
        h.Stt.WillHear("and tomorrow");
        await h.StepsAsync(15, CallerAudio.Speech);
        Assert.Equal(FullFrames, await SilenceUntilFlushAsync(h, expectedFlushes: 2));
    }

    [Fact]
    public async Task Caller_going_on_after_an_early_end_starts_a_new_turn_that_supersedes_the_reply()
    {
        await using var h = Harness();
        h.Agent.CompleteTurns.Add("what time");
        var thinking = new TaskCompletionSource();
        h.Agent.WillReply(thinking.Task, new AgentText("We open at nine."));
        h.Agent.WillReply(new AgentText("On Sunday at ten."));
        h.Start();
        await SpeakAsync(h, partial: "what time", final: "what time");
        Assert.Equal(CompleteFrames, await SilenceUntilFlushAsync(h, expectedFlushes: 1));
        await h.WaitUntilAsync(() => h.Agent.Histories.Count == 1, "the agent was asked");

        // The rest of the sentence: the reply in progress is interrupted and the agent hears both parts.
        await SpeakAsync(h, partial: "on sunday", final: "on sunday");
        Assert.Equal(FullFrames, await SilenceUntilFlushAsync(h, expectedFlushes: 2));
        await h.WaitUntilAsync(() => h.Agent.Histories.Count == 2, "the agent was asked again");
        await h.WaitUntilAsync(() => h.Agent.Cancelled, "the first reply was cancelled");
        Assert.Equal([new ChatMessage(ChatRole.User, "what time"), new ChatMessage(ChatRole.User, "on sunday")], h.Agent.Histories[1]);

        await h.StepUntilAsync(() => h.Observer.Turns.Count == 2, "the second reply played");
        Assert.True(h.Observer.Turns[0].Interrupted);
        Assert.Equal(string.Empty, h.Observer.Turns[0].Heard);
        Assert.Equal("On Sunday at ten.", h.Observer.Turns[1].Heard);
        Assert.DoesNotContain("We open at nine.", h.Tts.Spoken);
    }

    // 300 ms of speech whose every frame gives the partial result, then waits until the pipeline has judged the last.
    private static async Task SpeakAsync(PipelineHarness h, string partial, string final)
    {
        h.Stt.Partial = partial;
        h.Stt.WillHear(final);
        await h.StepsAsync(15, CallerAudio.Speech);
        await h.WaitUntilAsync(() => h.Stt.PartialsHandled, "the partial results were judged");
        h.Stt.Partial = null;
    }

    // Steps silence until the recogniser is flushed (the end of the turn); returns the frames of silence it took.
    private static async Task<int> SilenceUntilFlushAsync(PipelineHarness h, int expectedFlushes)
    {
        for (var frames = 1; frames <= FullFrames + 5; frames++)
        {
            await h.StepAsync(CallerAudio.Silence());
            if (h.Stt.Flushes == expectedFlushes) return frames;
        }

        return -1;
    }
}
