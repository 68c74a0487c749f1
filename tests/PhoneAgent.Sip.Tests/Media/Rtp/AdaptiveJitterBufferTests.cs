using PhoneAgent.Sip.Media.Rtp;
using static PhoneAgent.Sip.Tests.Media.Rtp.JitterBufferHarness;

namespace PhoneAgent.Sip.Tests.Media.Rtp;

public sealed class AdaptiveJitterBufferTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(5);

    [Fact]
    public void Nothing_is_ready_before_the_first_packet()
    {
        var harness = new JitterBufferHarness();

        Assert.All(harness.Ticks(5), f => Assert.Equal(JitterBufferStatus.NotReady, f.Status));
        Assert.Equal(default, harness.Buffer.Statistics with { TargetDepth = default });
    }

    [Fact]
    public void In_order_stream_plays_every_frame_after_filling_to_the_initial_depth()
    {
        var harness = new JitterBufferHarness();
        harness.SendStream(1000, 50, 8000, TimeSpan.Zero, Delay);

        var frames = harness.Ticks(52);

        // Packets 0-2 arrive at 5, 25 and 45 ms; the 60 ms initial depth is reached at the tick at 50 ms.
        Assert.Equal([JitterBufferStatus.NotReady, JitterBufferStatus.NotReady], frames.Take(2).Select(f => f.Status));
        var played = frames.Skip(2).Take(48).ToList();
        Assert.All(played, f => Assert.Equal(JitterBufferStatus.Frame, f.Status));
        Assert.Equal(Enumerable.Range(1000, 48).Select(i => (ushort)i), played.Select(f => f.SequenceNumber));
        Assert.Equal(8000u + 160, played[1].Timestamp);
        var stats = harness.Buffer.Statistics;
        Assert.Equal(50, stats.Received);
        Assert.Equal(0, stats.Lost + stats.Late + stats.Duplicates + stats.Reordered + stats.Concealed);
        Assert.Equal(TimeSpan.FromMilliseconds(60), stats.TargetDepth);
    }

    [Fact]
    public void A_lost_packet_is_reported_missing_for_concealment()
    {
        var harness = new JitterBufferHarness();
        harness.SendStream(0, 10, 0, TimeSpan.Zero, Delay);
        harness.SendStream(11, 20, 11 * 160, 11 * Frame, Delay);

        var frames = harness.Ticks(25).Where(f => f.Status != JitterBufferStatus.NotReady).ToList();

        var gap = frames[10];
        Assert.Equal(JitterBufferStatus.Missing, gap.Status);
        Assert.Equal(10, gap.SequenceNumber);
        Assert.Equal(10u * 160, gap.Timestamp);
        Assert.Equal(0, gap.PayloadLength);
        Assert.Equal(Enumerable.Range(0, 23).Select(i => (ushort)i), frames.Select(f => f.SequenceNumber));
        var stats = harness.Buffer.Statistics;
        Assert.Equal(1, stats.Lost);
        Assert.Equal(1, stats.Concealed);
    }

    [Fact]
    public void Reordering_within_the_depth_plays_in_order()
    {
        var harness = new JitterBufferHarness();
        for (ushort seq = 0; seq < 30; seq++)
        {
            // 6 overtakes 5, and 12 arrives 30 ms late but still ahead of its turn.
            var arrival = (seq * Frame) + Delay + (seq == 5 ? TimeSpan.FromMilliseconds(22) : seq == 12 ? TimeSpan.FromMilliseconds(30) : TimeSpan.Zero);
            harness.Send(seq, seq * 160u, arrival);
        }

        var frames = harness.Ticks(30).Where(f => f.Status != JitterBufferStatus.NotReady).ToList();

        Assert.All(frames, f => Assert.Equal(JitterBufferStatus.Frame, f.Status));
        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => (ushort)i), frames.Select(f => f.SequenceNumber));
        Assert.Equal(2, harness.Buffer.Statistics.Reordered);
        Assert.Equal(0, harness.Buffer.Statistics.Lost);
    }

    [Fact]
    public void An_early_packet_overtaken_before_playout_still_plays_first()
    {
        var harness = new JitterBufferHarness();
        harness.Send(1, 160, Delay);
        harness.Send(0, 0, Delay + TimeSpan.FromMilliseconds(3));
        harness.SendStream(2, 10, 320, 2 * Frame, Delay);

        var frames = harness.Ticks(10).Where(f => f.Status != JitterBufferStatus.NotReady).ToList();

        Assert.Equal(0, frames[0].SequenceNumber);
        Assert.Equal(1, frames[1].SequenceNumber);
    }

    [Fact]
    public void Duplicates_are_dropped_and_counted_before_and_after_playout()
    {
        var harness = new JitterBufferHarness();
        harness.SendStream(0, 30, 0, TimeSpan.Zero, Delay);
        harness.Send(7, 7 * 160, (7 * Frame) + TimeSpan.FromMilliseconds(6));
        harness.Send(2, 2 * 160, 12 * Frame);

        var frames = harness.Ticks(30).Where(f => f.Status != JitterBufferStatus.NotReady).ToList();

        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => (ushort)i), frames.Select(f => f.SequenceNumber));
        Assert.Equal(2, harness.Buffer.Statistics.Duplicates);
        Assert.Equal(0, harness.Buffer.Statistics.Late);
        Assert.Equal([JitterBufferInsertResult.Buffered, JitterBufferInsertResult.Duplicate], harness.Inserted.Where(i => i.Sequence == 7).Select(i => i.Result));
        Assert.Equal([JitterBufferInsertResult.Buffered, JitterBufferInsertResult.Duplicate], harness.Inserted.Where(i => i.Sequence == 2).Select(i => i.Result));
    }

    [Fact]
    public void A_packet_after_its_playout_time_is_late_and_dropped()
    {
        var harness = new JitterBufferHarness();
        harness.SendStream(0, 10, 0, TimeSpan.Zero, Delay);
        harness.Send(10, 1600, (10 * Frame) + TimeSpan.FromMilliseconds(300));
        harness.SendStream(11, 30, 11 * 160, 11 * Frame, Delay);

        var frames = harness.Ticks(40).Where(f => f.Status != JitterBufferStatus.NotReady).ToList();

        Assert.Contains(frames, f => f.Status == JitterBufferStatus.Missing && f.SequenceNumber == 10);
        Assert.DoesNotContain(frames, f => f.Status == JitterBufferStatus.Frame && f.SequenceNumber == 10);
        Assert.Equal(JitterBufferInsertResult.Late, harness.Inserted.Single(i => i.Sequence == 10).Result);
        var stats = harness.Buffer.Statistics;
        Assert.Equal(1, stats.Late);
        Assert.Equal(1, stats.Lost);
    }

    [Fact]
    public void Sequence_wrap_65535_to_0_plays_straight_through()
    {
        var harness = new JitterBufferHarness();
        harness.SendStream(65525, 30, 4294967000u, TimeSpan.Zero, Delay);

        var frames = harness.Ticks(30).Where(f => f.Status != JitterBufferStatus.NotReady).ToList();

        Assert.All(frames, f => Assert.Equal(JitterBufferStatus.Frame, f.Status));
        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => (ushort)(65525 + i)), frames.Select(f => f.SequenceNumber));
        Assert.Contains(frames, f => f.SequenceNumber == 0);
        var stats = harness.Buffer.Statistics;
        Assert.Equal(0, stats.Lost + stats.Late + stats.Duplicates + stats.Resynchronizations);
    }

    [Fact]
    public void Loss_and_reordering_across_the_wrap()
    {
        var harness = new JitterBufferHarness();
        for (var i = 0; i < 30; i++)
        {
            var seq = (ushort)(65525 + i);
            var arrival = (i * Frame) + Delay;
            if (seq == 65534)
            {
                continue;
            }

            // 0 overtakes 65535.
            harness.Send(seq, (uint)(i * 160), seq == 65535 ? arrival + TimeSpan.FromMilliseconds(21) : arrival);
        }

        var frames = harness.Ticks(30).Where(f => f.Status != JitterBufferStatus.NotReady).ToList();

        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => (ushort)(65525 + i)), frames.Select(f => f.SequenceNumber));
        Assert.Equal(JitterBufferStatus.Missing, frames.Single(f => f.SequenceNumber == 65534).Status);
        Assert.Equal(JitterBufferStatus.Frame, frames.Single(f => f.SequenceNumber == 65535).Status);
        Assert.Equal(1, harness.Buffer.Statistics.Lost);
        Assert.Equal(1, harness.Buffer.Statistics.Reordered);
    }

    [Fact]
    public void A_new_SSRC_resynchronises_at_once()
    {
        var harness = new JitterBufferHarness();
        harness.SendStream(100, 25, 0, TimeSpan.Zero, Delay, ssrc: 1);
        harness.SendStream(40000, 25, 123_456_789, 25 * Frame, Delay, ssrc: 2);

        var frames = harness.Ticks(50);

        var fromSecond = frames.SkipWhile(f => f.SequenceNumber < 40000).ToList();
        Assert.Equal(40000, fromSecond[0].SequenceNumber);
        Assert.Equal(123_456_789u, fromSecond[0].Timestamp);
        Assert.Equal(Enumerable.Range(40000, fromSecond.Count).Select(i => (ushort)i), fromSecond.Select(f => f.SequenceNumber));
        var stats = harness.Buffer.Statistics;
        Assert.Equal(1, stats.Resynchronizations);
        Assert.Equal(0, stats.Late + stats.Duplicates);
    }

    [Fact]
    public void A_sequence_jump_is_followed_once_the_next_packet_confirms_it()
    {
        var harness = new JitterBufferHarness();
        harness.SendStream(100, 20, 0, TimeSpan.Zero, Delay);
        harness.SendStream(30000, 20, 20 * 160, 20 * Frame, Delay);

        var frames = harness.Ticks(45);

        Assert.Equal(JitterBufferInsertResult.HeldForConfirmation, harness.Inserted.Single(i => i.Sequence == 30000).Result);
        Assert.Equal(JitterBufferInsertResult.Buffered, harness.Inserted.Single(i => i.Sequence == 30001).Result);
        var afterJump = frames.Where(f => f.Status == JitterBufferStatus.Frame && f.SequenceNumber >= 30000).Select(f => (int)f.SequenceNumber).ToList();
        Assert.Equal(Enumerable.Range(30000, afterJump.Count), afterJump);
        Assert.Equal(1, harness.Buffer.Statistics.Resynchronizations);
    }

    [Fact]
    public void A_lone_stray_packet_far_from_the_stream_is_held_and_changes_nothing()
    {
        var harness = new JitterBufferHarness();
        harness.SendStream(100, 30, 0, TimeSpan.Zero, Delay);
        harness.Send(5000, 99, (10 * Frame) + TimeSpan.FromMilliseconds(7));

        var frames = harness.Ticks(30).Where(f => f.Status != JitterBufferStatus.NotReady).ToList();

        Assert.All(frames, f => Assert.Equal(JitterBufferStatus.Frame, f.Status));
        Assert.Equal(JitterBufferInsertResult.HeldForConfirmation, harness.Inserted.Single(i => i.Sequence == 5000).Result);
        Assert.Equal(0, harness.Buffer.Statistics.Resynchronizations);
    }

    [Fact]
    public void Non_audio_sequence_numbers_are_stepped_over_not_lost()
    {
        var harness = new JitterBufferHarness();
        harness.SendStream(0, 10, 0, TimeSpan.Zero, Delay);
        harness.SendStream(13, 20, 13 * 160, 13 * Frame, Delay);
        harness.Ticks(5);
        Assert.Equal(JitterBufferInsertResult.Buffered, harness.Buffer.InsertNonAudio(1, 10));
        Assert.Equal(JitterBufferInsertResult.Buffered, harness.Buffer.InsertNonAudio(1, 11));
        Assert.Equal(JitterBufferInsertResult.Buffered, harness.Buffer.InsertNonAudio(1, 12));
        Assert.Equal(JitterBufferInsertResult.Duplicate, harness.Buffer.InsertNonAudio(1, 12));
        Assert.Equal(JitterBufferInsertResult.Ignored, harness.Buffer.InsertNonAudio(2, 13));

        var frames = harness.Ticks(30);

        Assert.DoesNotContain(frames, f => f.SequenceNumber is >= 10 and <= 12 && f.Status != JitterBufferStatus.NotReady);
        Assert.Equal(0, harness.Buffer.Statistics.Lost);
        Assert.Contains(frames, f => f.Status == JitterBufferStatus.Frame && f.SequenceNumber == 13);
    }

    [Fact]
    public void Oversized_payloads_are_refused()
    {
        var buffer = new AdaptiveJitterBuffer(new JitterBufferOptions { MaxPayloadSize = 4 }, TimeProvider.System);

        Assert.Equal(JitterBufferInsertResult.TooLarge, buffer.Insert(1, 1, 1, false, new byte[5]));
        Assert.Equal(1, buffer.Statistics.Received);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Pop(new byte[3]));
    }

    [Fact]
    public void Inserting_an_RTP_packet_view_uses_its_header_and_payload()
    {
        var harness = new JitterBufferHarness(new JitterBufferOptions { InitialDepth = TimeSpan.FromMilliseconds(20) });
        var packet = new RtpPacket(new RtpHeader(0, 77, 1234, 5, marker: true), [0, 77]);

        Assert.Equal(JitterBufferInsertResult.Buffered, harness.Buffer.Insert(packet));
        var frame = harness.Tick();

        Assert.Equal(new JitterBufferFrame(JitterBufferStatus.Frame, 77, 1234, true, 2), frame);
    }

    [Theory]
    [InlineData(20, 8000, 160)]
    [InlineData(20, 48000, 960)]
    [InlineData(30, 8000, 240)]
    [InlineData(10, 16000, 160)]
    public void Frame_size_comes_from_ptime_and_clock_rate(int ptime, int clockRate, int samples)
    {
        var options = JitterBufferOptions.ForPtime(ptime, clockRate);

        Assert.Equal(samples, options.SamplesPerFrame);
        _ = new AdaptiveJitterBuffer(options, TimeProvider.System);
    }

    [Fact]
    public void Inconsistent_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveJitterBuffer(new JitterBufferOptions { FrameDuration = TimeSpan.Zero }, TimeProvider.System));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveJitterBuffer(new JitterBufferOptions { ClockRate = 0 }, TimeProvider.System));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveJitterBuffer(new JitterBufferOptions { ClockRate = 44100, FrameDuration = TimeSpan.FromMilliseconds(0.01) }, TimeProvider.System));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveJitterBuffer(new JitterBufferOptions { MinimumDepth = TimeSpan.FromMilliseconds(300) }, TimeProvider.System));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveJitterBuffer(new JitterBufferOptions { InitialDepth = TimeSpan.FromMilliseconds(500) }, TimeProvider.System));
    }
}
