using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Pipeline.Frames;
using PhoneAgent.Pipeline.Processing;
using PhoneAgent.Pipeline.Tests.Conversation.Fakes;
using PhoneAgent.Pipeline.Turns;
using PhoneAgent.Testing;

namespace PhoneAgent.Pipeline.Tests.Processing;

public class StaleFrameTests
{
    [Fact]
    public async Task Output_drops_audio_of_an_interrupted_turn_that_was_still_queued()
    {
        var time = new ManualTimeProvider();
        var port = new FakeAudioPort(new Signal());
        Playout? playout = null;
        var turns = new TurnTracker(time, h => playout!.Interrupt(h));
        playout = new Playout(port, time, TimeSpan.FromMilliseconds(500), (h, o) => h.Complete(o), NullLogger.Instance);
        var old = turns.Begin(true, "first");
        playout.Begin(old);

        var queue = new FrameQueue();
        queue.Enqueue(new TtsAudioFrame(old.Id, "old", [9, 9, 9]));
        old.Interrupt();
        var current = turns.Begin(true, "second");
        playout.Begin(current);
        queue.Enqueue(new TtsAudioFrame(old.Id, "old", [9, 9]));
        queue.Enqueue(new TtsAudioFrame(current.Id, "new", [7, 7]));
        queue.Enqueue(new TtsSentenceEndFrame(current.Id, "new"));
        queue.Complete();

        await new OutputProcessor(queue, playout, turns, NullLogger.Instance).RunAsync(CancellationToken.None);
        Assert.Equal(2, port.TotalQueued);
        Assert.True(old.Done.IsCompleted);
        Assert.True((await old.Done).Interrupted);
    }

    [Fact]
    public async Task Sentence_processor_does_not_let_an_interrupted_turns_half_sentence_prefix_the_next()
    {
        var time = new ManualTimeProvider();
        var turns = new TurnTracker(time, h => { });
        var input = new FrameQueue();
        var output = new FrameQueue();
        var first = turns.Begin(true, "a");
        input.Enqueue(new AgentTextFrame(first.Id, "Half a sent"));
        var processor = new SentenceProcessor(input, output, turns, 40, NullLogger.Instance);
        var run = processor.RunAsync(CancellationToken.None);
        var second = turns.Begin(true, "b");
        input.Enqueue(new AgentTextFrame(second.Id, "Fresh start."));
        input.Enqueue(new AgentTurnEndFrame(second.Id));
        input.Complete();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new SentenceFrame(second.Id, "Fresh start."), await output.ReadAsync(CancellationToken.None));
        Assert.Equal(new AgentTurnEndFrame(second.Id), await output.ReadAsync(CancellationToken.None));
    }
}
