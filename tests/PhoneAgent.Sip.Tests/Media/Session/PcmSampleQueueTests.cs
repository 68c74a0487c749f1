using PhoneAgent.Sip.Media.Session;

namespace PhoneAgent.Sip.Tests.Media.Session;

public sealed class PcmSampleQueueTests
{
    [Fact]
    public void Growing_past_the_initial_ring_keeps_order_across_a_wrap_and_stops_at_capacity()
    {
        var queue = new PcmSampleQueue(100_000);
        short next = 0;
        short expected = 0;
        var chunk = new short[7_000];
        var output = new short[5_000];
        // Dequeue less than we enqueue so the head wraps inside the small ring before it has to grow.
        for (var round = 0; round < 10; round++)
        {
            for (var i = 0; i < chunk.Length; i++) chunk[i] = next++;
            Assert.Equal(chunk.Length, queue.Enqueue(chunk));
            var n = queue.Dequeue(output);
            for (var i = 0; i < n; i++) Assert.Equal(expected++, output[i]);
        }
        Assert.Equal(20_000, queue.Count);
        var huge = new short[200_000];
        Assert.Equal(80_000, queue.Enqueue(huge));
        Assert.Equal(100_000, queue.Count);
        var n2 = queue.Dequeue(output);
        for (var i = 0; i < n2; i++) Assert.Equal(expected++, output[i]);
    }
}
