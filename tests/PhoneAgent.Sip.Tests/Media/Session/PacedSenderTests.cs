using System.Buffers.Binary;
using PhoneAgent.Sip.Media.Codecs;
using PhoneAgent.Sip.Media.Session;
using PhoneAgent.Testing;

namespace PhoneAgent.Sip.Tests.Media.Session;

public class PacedSenderTests
{
    private static readonly TimeSpan Ptime = TimeSpan.FromMilliseconds(20);

    [Theory]
    [InlineData("PCMU", 160)]
    [InlineData("PCMA", 160)]
    [InlineData("opus", 960)]
    public void Ten_seconds_send_exactly_501_packets_with_timestamps_on_the_clock(string codecName, int step)
    {
        using var codec = AudioCodecFactory.Create(codecName);
        var harness = new Harness(codec, new PacedSenderOptions { PayloadType = 0, InitialSequenceNumber = 100, InitialTimestamp = 5000 });
        harness.Sender.Enqueue(AudioSignals.Tone(440, 16000, 16000 * 3));

        harness.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(501, harness.Packets.Count);
        for (var k = 0; k < harness.Packets.Count; k++)
        {
            var packet = harness.Packets[k];
            Assert.Equal((ushort)(100 + k), packet.Header.SequenceNumber);
            Assert.Equal((uint)(5000 + (k * step)), packet.Header.Timestamp);
            Assert.Equal(TimeSpan.FromMilliseconds(20 * k).Ticks, packet.At);
            Assert.Equal(harness.Sender.Ssrc, packet.Header.Ssrc);
        }

        Assert.Equal(16000 * 3, harness.Sender.PlaybackPosition);
        Assert.Equal(0, harness.Schedule.LateTicks);
    }

    [Fact]
    public void An_idle_sender_sends_silence_and_G711_silence_is_the_zero_code()
    {
        using var codec = new G711Codec(G711Law.MuLaw);
        var harness = new Harness(codec, new PacedSenderOptions { PayloadType = 0 });
        harness.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(51, harness.Packets.Count);
        Assert.All(harness.Packets, p => Assert.Equal(160, p.Payload.Length));
        Assert.All(harness.Packets.Skip(5), p => Assert.All(p.Payload, b => Assert.Equal(0xFF, b)));
        Assert.Equal(0, harness.Sender.PlaybackPosition);
    }

    [Fact]
    public void The_marker_bit_opens_the_stream_and_each_talkspurt()
    {
        var harness = new Harness(new LinearPcmCodec(), new PacedSenderOptions { PayloadType = 96 });
        harness.Time.Advance(TimeSpan.FromMilliseconds(40));
        harness.Sender.Enqueue(Constant(640, 1000));
        harness.Time.Advance(TimeSpan.FromMilliseconds(80));
        harness.Sender.Enqueue(Constant(320, 1000));
        harness.Time.Advance(TimeSpan.FromMilliseconds(20));

        // Ticks at 0, 20, 40 (silence), 60, 80 (speech), 100, 120 (silence), 140 (speech).
        Assert.Equal([true, false, false, true, false, false, false, true], harness.Packets.Select(p => p.Header.Marker));
    }

    [Fact]
    public void Sequence_numbers_wrap_from_65535_to_0_and_timestamps_wrap_at_32_bits()
    {
        var harness = new Harness(new LinearPcmCodec(), new PacedSenderOptions
        {
            PayloadType = 96,
            InitialSequenceNumber = 65534,
            InitialTimestamp = uint.MaxValue - 319,
        });
        harness.Time.Advance(TimeSpan.FromMilliseconds(60));

        Assert.Equal([65534, 65535, 0, 1], harness.Packets.Select(p => (int)p.Header.SequenceNumber));
        Assert.Equal([uint.MaxValue - 319, 0u, 320u, 640u], harness.Packets.Select(p => p.Header.Timestamp));
    }

    [Fact]
    public void Flush_empties_the_queue_and_reports_the_utterance_interrupted_at_what_was_played()
    {
        var harness = new Harness(new LinearPcmCodec(), new PacedSenderOptions { PayloadType = 96 });
        var id = harness.Sender.Enqueue(Constant(16000, 5000));
        harness.Sender.CompleteUtterance();
        harness.Time.Advance(TimeSpan.FromMilliseconds(40));

        harness.Sender.Flush();

        Assert.Equal(0, harness.Sender.QueuedSamples);
        Assert.True(harness.Sender.PlaybackEvents.TryRead(out var finished));
        Assert.Equal(new PlaybackFinished(id, 960, Interrupted: true), finished);
        harness.Time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.All(Samples(harness.Packets[^1]), s => Assert.Equal(0, s));
        Assert.Equal(960, harness.Sender.PlaybackPosition);
    }

    [Fact]
    public void A_cut_mid_frame_fades_linearly_to_zero_in_four_milliseconds()
    {
        var harness = new Harness(new LinearPcmCodec(), new PacedSenderOptions { PayloadType = 96 });
        var id = harness.Sender.Enqueue(Constant(16000, 8000));
        harness.Time.Advance(TimeSpan.Zero);

        harness.Sender.CutAt(320 + 100);
        harness.Time.Advance(TimeSpan.FromMilliseconds(40));

        var cut = Samples(harness.Packets[1]);
        Assert.All(cut[..100], s => Assert.Equal(8000, s));
        var fade = cut[100..164];
        for (var i = 1; i < fade.Length; i++) Assert.True(fade[i] < fade[i - 1], $"fade not decreasing at {i}");
        Assert.True(fade[0] > 7800);
        Assert.Equal(0, fade[^1]);
        Assert.All(cut[164..], s => Assert.Equal(0, s));
        Assert.All(Samples(harness.Packets[2]), s => Assert.Equal(0, s));

        Assert.Equal(320 + 164, harness.Sender.PlaybackPosition);
        Assert.True(harness.Sender.PlaybackEvents.TryRead(out var finished));
        Assert.Equal(new PlaybackFinished(id, 320 + 164, Interrupted: true), finished);
    }

    [Fact]
    public void A_cut_reports_the_utterances_queued_behind_the_one_playing_as_unheard()
    {
        // A synthesiser runs ahead of real time, so later sentences wait in the queue when the caller barges in; the
        // sender never plays them, and each must still be reported, or the pipeline waits for reports that never come.
        var harness = new Harness(new LinearPcmCodec(), new PacedSenderOptions { PayloadType = 96 });
        var playing = harness.Sender.Enqueue(Constant(500, 100));
        harness.Sender.CompleteUtterance();
        var queued = harness.Sender.Enqueue(Constant(300, 200));
        harness.Sender.CompleteUtterance();
        harness.Time.Advance(TimeSpan.Zero);

        harness.Sender.CutAt(harness.Sender.PlaybackPosition);
        harness.Time.Advance(TimeSpan.FromMilliseconds(40));

        Assert.Equal(320 + 64, harness.Sender.PlaybackPosition);
        Assert.True(harness.Sender.PlaybackEvents.TryRead(out var first));
        Assert.Equal(new PlaybackFinished(playing, 320 + 64, Interrupted: true), first);
        Assert.True(harness.Sender.PlaybackEvents.TryRead(out var second));
        Assert.Equal(new PlaybackFinished(queued, 0, Interrupted: true), second);
    }

    [Fact]
    public void Playback_position_counts_bot_samples_sent_and_a_completed_utterance_finishes_uninterrupted()
    {
        var harness = new Harness(new LinearPcmCodec(), new PacedSenderOptions { PayloadType = 96 });
        var first = harness.Sender.Enqueue(Constant(500, 100));
        harness.Sender.Enqueue(Constant(500, 100));
        harness.Sender.CompleteUtterance();
        var second = harness.Sender.Enqueue(Constant(300, 200));
        harness.Sender.CompleteUtterance();

        harness.Time.Advance(TimeSpan.FromMilliseconds(40));
        Assert.Equal(960, harness.Sender.PlaybackPosition);
        Assert.False(harness.Sender.PlaybackEvents.TryRead(out _));

        harness.Time.Advance(TimeSpan.FromMilliseconds(40));
        Assert.Equal(1300, harness.Sender.PlaybackPosition);
        Assert.True(harness.Sender.PlaybackEvents.TryRead(out var done));
        Assert.Equal(new PlaybackFinished(first, 1000, Interrupted: false), done);
        Assert.True(harness.Sender.PlaybackEvents.TryRead(out done));
        Assert.Equal(new PlaybackFinished(second, 300, Interrupted: false), done);
        Assert.Equal(1300, harness.Packets.Sum(p => Samples(p).Count(s => s != 0)));
    }

    [Fact]
    public void Pausing_keeps_the_queue_and_the_timestamp_runs_on()
    {
        var harness = new Harness(new LinearPcmCodec(), new PacedSenderOptions { PayloadType = 96, InitialTimestamp = 0, InitialSequenceNumber = 0 });
        harness.Sender.Enqueue(Constant(640, 1000));
        harness.Time.Advance(TimeSpan.Zero);
        harness.Sender.IsSending = false;
        harness.Time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Single(harness.Packets);
        Assert.Equal(320, harness.Sender.QueuedSamples);

        harness.Sender.IsSending = true;
        harness.Time.Advance(TimeSpan.FromMilliseconds(20));
        var resumed = harness.Packets[1];
        Assert.Equal(1, resumed.Header.SequenceNumber);
        Assert.Equal(6u * 320, resumed.Header.Timestamp);
        Assert.True(resumed.Header.Marker);
    }

    [Fact]
    public void A_full_queue_refuses_the_excess_and_counts_it()
    {
        var harness = new Harness(new LinearPcmCodec(), new PacedSenderOptions { PayloadType = 96, MaxQueued = TimeSpan.FromMilliseconds(100) });
        harness.Sender.Enqueue(Constant(2000, 1));

        Assert.Equal(1600, harness.Sender.QueuedSamples);
        Assert.Equal(400, harness.Sender.SamplesDropped);
    }

    private static short[] Constant(int length, short value) => Enumerable.Repeat(value, length).ToArray();

    private static short[] Samples(SentPacket packet)
    {
        var samples = new short[packet.Payload.Length / 2];
        for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16BigEndian(packet.Payload.AsSpan(2 * i));
        return samples;
    }

    private sealed class Harness
    {
        public Harness(IAudioCodec codec, PacedSenderOptions options)
        {
            var start = Time.GetTimestamp();
            Sender = new PacedSender(codec, options, datagram => Packets.Add(SentPacket.Parse(datagram, Time.GetTimestamp() - start)));
            Clock = new MediaClock(Time, lanes: 1);
            Schedule = Clock.Schedule(Ptime, (k, _) => Sender.Tick(k));
        }

        public ManualTimeProvider Time { get; } = new();

        public List<SentPacket> Packets { get; } = [];

        public PacedSender Sender { get; }

        public MediaClock Clock { get; }

        public MediaSchedule Schedule { get; }
    }
}
