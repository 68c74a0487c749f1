using PhoneAgent.Pipeline.Frames;

namespace PhoneAgent.Pipeline.Tests.Frames;

public class FrameQueueTests
{
    [Fact]
    public async Task System_frames_overtake_queued_data_frames()
    {
        var queue = new FrameQueue();
        queue.Enqueue(new AgentTextFrame(1, "a"));
        queue.Enqueue(new AgentTextFrame(1, "b"));
        queue.Enqueue(new InterruptionFrame(1));
        queue.Enqueue(new AgentTextFrame(2, "c"));
        queue.Complete();

        var read = new List<Frame>();
        while (await queue.ReadAsync(CancellationToken.None) is { } f) read.Add(f);
        Assert.Equal<Frame>([new InterruptionFrame(1), new AgentTextFrame(1, "a"), new AgentTextFrame(1, "b"), new AgentTextFrame(2, "c")], read);
    }

    [Fact]
    public async Task Flush_drops_data_of_the_interrupted_turn_and_earlier_only()
    {
        var queue = new FrameQueue();
        queue.Enqueue(new AgentTextFrame(1, "old"));
        queue.Enqueue(new SentenceFrame(2, "interrupted"));
        queue.Enqueue(new DtmfFrame(2, '5'));
        queue.Enqueue(new AgentTextFrame(3, "new"));

        Assert.Equal(2, queue.Flush(2));
        queue.Complete();
        Assert.Equal(new DtmfFrame(2, '5'), await queue.ReadAsync(CancellationToken.None));
        Assert.Equal(new AgentTextFrame(3, "new"), await queue.ReadAsync(CancellationToken.None));
        Assert.Null(await queue.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reader_waits_for_a_frame_and_ignores_frames_after_completion()
    {
        var queue = new FrameQueue();
        var pending = queue.ReadAsync(CancellationToken.None).AsTask();
        Assert.False(pending.IsCompleted);
        queue.Enqueue(new AgentTextFrame(1, "x"));
        Assert.Equal(new AgentTextFrame(1, "x"), await pending.WaitAsync(TimeSpan.FromSeconds(10)));

        queue.Complete();
        queue.Enqueue(new AgentTextFrame(1, "late"));
        Assert.Null(await queue.ReadAsync(CancellationToken.None));
    }
}
