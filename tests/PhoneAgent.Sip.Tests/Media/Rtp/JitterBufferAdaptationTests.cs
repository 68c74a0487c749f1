using PhoneAgent.Sip.Media.Rtp;
using static PhoneAgent.Sip.Tests.Media.Rtp.JitterBufferHarness;

namespace PhoneAgent.Sip.Tests.Media.Rtp;

public sealed class JitterBufferAdaptationTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(5);

    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void A_calm_stream_shrinks_from_the_initial_depth_one_frame_per_interval()
    {
        var harness = new JitterBufferHarness();
        harness.SendStream(0, 250, 0, TimeSpan.Zero, Delay);

        harness.RunUntil(Seconds(1.9));
        Assert.Equal(Ms(60), harness.Buffer.Statistics.CurrentDepth);

        // The window fills at 2 s, so the target drops to one frame; the buffer then sheds one frame per second.
        harness.RunUntil(Seconds(2.5));
        Assert.Equal(Ms(20), harness.Buffer.Statistics.TargetDepth);
        Assert.Equal(Ms(40), harness.Buffer.Statistics.CurrentDepth);
        var frames = harness.RunUntil(Seconds(4.5));

        var stats = harness.Buffer.Statistics;
        Assert.Equal(Ms(20), stats.CurrentDepth);
        Assert.Equal(2, stats.Discarded);
        Assert.Equal(0, stats.Lost + stats.Concealed + stats.Late);
        Assert.All(frames, f => Assert.Equal(JitterBufferStatus.Frame, f.Status));
    }

    [Fact]
    public void A_jitter_burst_grows_the_depth_at_once_then_it_shrinks_slowly()
    {
        var harness = new JitterBufferHarness();
        for (var i = 0; i < 750; i++)
        {
            // Calm, except that everything sent in [5.0 s, 5.1 s) is held up and arrives in one clump at 5.105 s.
            var sent = i * Frame;
            var arrival = sent >= Seconds(5) && sent < Seconds(5.1) ? Seconds(5.1) + Delay : sent + Delay;
            harness.Send((ushort)i, (uint)(i * SamplesPerFrame), arrival);
        }

        harness.RunUntil(Seconds(5));
        Assert.Equal(Ms(20), harness.Buffer.Statistics.CurrentDepth);

        // The buffer runs dry and asks for concealment without skipping, so the delayed packets are not lost...
        var stall = harness.RunUntil(Seconds(5.1));
        Assert.Equal(5, stall.Count(f => f.Status == JitterBufferStatus.Missing && f.SequenceNumber == 250));

        // ...and when they arrive the buffer is as deep as the burst was long.
        var resumed = harness.Tick();
        Assert.Equal(new JitterBufferFrame(JitterBufferStatus.Frame, 250, 250 * 160, false, 2), resumed);
        Assert.True(harness.Buffer.Statistics.CurrentDepth >= Ms(100), harness.Buffer.Statistics.ToString());
        Assert.True(harness.Buffer.Statistics.TargetDepth >= Ms(100), harness.Buffer.Statistics.ToString());

        // The window still remembers the burst a second and a half later: no shrinking yet.
        harness.RunUntil(Seconds(6.6));
        Assert.True(harness.Buffer.Statistics.CurrentDepth >= Ms(100), harness.Buffer.Statistics.ToString());

        // Once it has forgotten, the depth comes down a frame per second, all the way to the minimum.
        var rest = harness.RunUntil(Seconds(14.8));
        var stats = harness.Buffer.Statistics;
        Assert.Equal(Ms(20), stats.CurrentDepth);
        Assert.Equal(Ms(20), stats.TargetDepth);
        Assert.Equal(0, stats.Lost + stats.Late);
        Assert.Equal(5, stats.Concealed);
        Assert.All(rest, f => Assert.Equal(JitterBufferStatus.Frame, f.Status));
    }

    [Fact]
    public void A_late_packet_grows_the_buffer_by_one_concealed_frame()
    {
        var harness = new JitterBufferHarness();
        for (var i = 0; i < 300; i++)
        {
            var arrival = (i * Frame) + Delay + (i == 250 ? Ms(50) : TimeSpan.Zero);
            harness.Send((ushort)i, (uint)(i * SamplesPerFrame), arrival);
        }

        harness.RunUntil(Seconds(5));
        Assert.Equal(Ms(20), harness.Buffer.Statistics.CurrentDepth);
        var frames = harness.RunUntil(Seconds(5.5));

        Assert.Equal(JitterBufferInsertResult.Late, harness.Inserted.Single(i => i.Sequence == 250).Result);
        var missing = frames.Where(f => f.Status == JitterBufferStatus.Missing).ToList();
        Assert.Equal(3, missing.Count);

        // At 5.01 s the buffer is empty and waits a frame for 250; at 5.03 s 251 is there, so 250 is given up.
        Assert.Equal([250, 250], missing.Take(2).Select(f => (int)f.SequenceNumber));

        // 250 then turns up at 5.055 s, late: one concealed frame is inserted in front of a frame that is there,
        // moving playout one frame later.
        var inserted = frames.IndexOf(missing[2]);
        Assert.Equal(JitterBufferStatus.Frame, frames[inserted + 1].Status);
        Assert.Equal(missing[2].SequenceNumber, frames[inserted + 1].SequenceNumber);
        Assert.Equal(Ms(60), harness.Buffer.Statistics.CurrentDepth);
        var stats = harness.Buffer.Statistics;
        Assert.Equal((1, 1, 3), (stats.Lost, stats.Late, stats.Concealed));
    }

    [Fact]
    public void Silence_ends_concealment_and_the_next_talkspurt_refills_to_the_current_target()
    {
        // No shrinking in mid-talkspurt, so only the talkspurt boundary can bring the depth down.
        var harness = new JitterBufferHarness(new JitterBufferOptions { ShrinkInterval = TimeSpan.FromHours(1) });
        harness.SendStream(0, 150, 0, TimeSpan.Zero, Delay);

        // DTX: a second of silence. Sequence numbers carry on; the timestamp jumps by the silence (RFC 3551 §4.1).
        var resume = Seconds(4);
        harness.Send(150, 200 * 160, resume + Delay, marker: true);
        harness.SendStream(151, 50, 201 * 160, resume + Frame, Delay);

        harness.RunUntil(Seconds(2.99));
        Assert.Equal(Ms(60), harness.Buffer.Statistics.CurrentDepth);
        Assert.Equal(Ms(20), harness.Buffer.Statistics.TargetDepth);
        var silence = harness.RunUntil(resume);

        // The last packets drain, a few frames are concealed in case the network is just slow, then nothing.
        var afterTalk = silence.SkipWhile(f => f.Status == JitterBufferStatus.Frame).ToList();
        Assert.Equal(5, afterTalk.TakeWhile(f => f.Status == JitterBufferStatus.Missing).Count());
        Assert.All(afterTalk.Skip(5), f => Assert.Equal(JitterBufferStatus.NotReady, f.Status));

        var first = harness.Tick();
        Assert.Equal(new JitterBufferFrame(JitterBufferStatus.Frame, 150, 200 * 160, true, 2), first);
        Assert.Equal(Ms(20), harness.Buffer.Statistics.CurrentDepth);
        var talk = harness.RunUntil(resume + Seconds(0.9));
        Assert.All(talk, f => Assert.Equal(JitterBufferStatus.Frame, f.Status));
        Assert.Equal(0, harness.Buffer.Statistics.Discarded + harness.Buffer.Statistics.Lost);
    }

    [Fact]
    public void A_talkspurt_whose_first_packets_were_lost_starts_at_the_first_that_came()
    {
        var harness = new JitterBufferHarness(new JitterBufferOptions { InitialDepth = Ms(20) });
        harness.SendStream(0, 20, 0, TimeSpan.Zero, Delay);
        harness.Send(23, 100 * 160, Seconds(2) + Delay, marker: false);
        harness.SendStream(24, 10, 101 * 160, Seconds(2) + Frame, Delay);

        var frames = harness.RunUntil(Seconds(2.3)).Where(f => f.Status == JitterBufferStatus.Frame).ToList();

        Assert.Equal(23, frames.SkipWhile(f => f.SequenceNumber < 20).First().SequenceNumber);
        Assert.Equal(3, harness.Buffer.Statistics.Lost);
    }

    [Fact]
    public void A_clump_after_an_outage_is_cut_back_rather_than_played_with_its_delay()
    {
        var harness = new JitterBufferHarness();
        for (var i = 0; i < 300; i++)
        {
            var sent = i * Frame;
            var arrival = sent >= Seconds(3) && sent < Seconds(3.5) ? Seconds(3.5) + Delay : sent + Delay;
            harness.Send((ushort)i, (uint)(i * SamplesPerFrame), arrival);
        }

        var maxDepth = TimeSpan.Zero;
        for (var t = 0; t < 290; t++)
        {
            harness.Tick();
            maxDepth = TimeSpan.FromTicks(Math.Max(maxDepth.Ticks, harness.Buffer.Statistics.CurrentDepth.Ticks));
        }

        var stats = harness.Buffer.Statistics;
        Assert.Equal(Ms(200), maxDepth);
        Assert.True(stats.Discarded >= 10, stats.ToString());
        Assert.Equal(0, stats.Late);
    }
}
