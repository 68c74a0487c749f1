using PhoneAgent.Sip.Media.Rtp;
using PhoneAgent.Testing;

namespace PhoneAgent.Sip.Tests.Media.Rtp;

public sealed class DtmfTests
{
    private const uint Ssrc = 0x1234;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private readonly ManualTimeProvider _time = new();
    private readonly DtmfReceiver _receiver;

    public DtmfTests()
    {
        _receiver = new DtmfReceiver(8000, _time);
    }

    [Fact]
    public void A_full_event_gives_one_digit_with_its_duration()
    {
        Send(1000, '5', 160);
        Send(1000, '5', 320);
        Send(1000, '5', 480);
        Assert.Empty(Read());
        Send(1000, '5', 800, end: true);
        Send(1000, '5', 800, end: true);
        Send(1000, '5', 800, end: true);

        Assert.Equal([new DtmfDigit('5', TimeSpan.FromMilliseconds(100))], Read());
    }

    [Fact]
    public void The_same_digit_twice_is_two_events_because_the_timestamps_differ()
    {
        // Neither press's first packet (the one with the marker) arrives.
        Send(1000, '1', 320);
        Send(1000, '1', 640, end: true);
        Send(1000, '1', 640, end: true);
        Send(3000, '1', 320);
        Send(3000, '1', 480, end: true);

        Assert.Equal([new DtmfDigit('1', TimeSpan.FromMilliseconds(80)), new DtmfDigit('1', TimeSpan.FromMilliseconds(60))], Read());
    }

    [Fact]
    public void When_the_first_packet_seen_is_an_end_packet_the_digit_is_still_emitted_once()
    {
        Send(5000, '#', 1600, end: true);
        Send(5000, '#', 1600, end: true);
        Send(5000, '#', 1600, end: true);

        Assert.Equal([new DtmfDigit('#', TimeSpan.FromMilliseconds(200))], Read());
    }

    [Fact]
    public void An_event_whose_end_packets_were_lost_ends_by_timeout()
    {
        Send(100, '9', 160);
        Send(100, '9', 320);
        _time.Advance(DtmfReceiver.DefaultEndTimeout - Interval - TimeSpan.FromMilliseconds(1));
        Assert.Empty(Read());

        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal([new DtmfDigit('9', TimeSpan.FromMilliseconds(40))], Read());
        Assert.Empty(Read());
    }

    [Fact]
    public void A_new_event_completes_one_whose_end_packets_were_lost()
    {
        Send(100, '7', 160);
        Send(100, '7', 320);
        Send(900, '8', 160);
        Send(900, '8', 400, end: true);

        Assert.Equal([new DtmfDigit('7', TimeSpan.FromMilliseconds(40)), new DtmfDigit('8', TimeSpan.FromMilliseconds(50))], Read());
    }

    [Fact]
    public void Stragglers_from_a_finished_or_superseded_event_are_ignored()
    {
        Send(100, '3', 160);
        Send(100, '3', 480, end: true);
        Send(100, '3', 320);
        Send(900, '4', 480, end: true);
        Send(100, '3', 480, end: true);

        Assert.Equal([new DtmfDigit('3', TimeSpan.FromMilliseconds(60)), new DtmfDigit('4', TimeSpan.FromMilliseconds(60))], Read());
    }

    [Fact]
    public void An_event_after_the_timestamp_wrap_is_new()
    {
        Send(uint.MaxValue - 100, 'A', 800, end: true);
        Send(200, 'B', 800, end: true);
        Send(uint.MaxValue - 100, 'A', 800, end: true);

        Assert.Equal("AB", string.Concat(Read().Select(d => d.Digit)));
    }

    [Fact]
    public void A_new_source_completes_the_previous_sources_event()
    {
        Send(100, '2', 160);
        _receiver.Process(Ssrc + 1, 100, Payload('6', 160, end: true));

        Assert.Equal("26", string.Concat(Read().Select(d => d.Digit)));
    }

    [Fact]
    public void Malformed_payloads_are_counted_and_other_events_ignored()
    {
        _receiver.Process(Ssrc, 100, [5, 0x80, 0]);
        _receiver.Process(Ssrc, 200, Write(new TelephoneEventPayload(16, true, 10, 800)));

        Assert.Empty(Read());
        Assert.Equal(1, _receiver.Malformed);
    }

    [Fact]
    public void Sender_produces_marker_updates_and_three_end_packets_on_one_timestamp()
    {
        var sender = new DtmfSender(8000, Interval);
        sender.Start('5', TimeSpan.FromMilliseconds(100), 4_000_000_000);

        var packets = Drain(sender);

        Assert.Equal(7, packets.Count);
        Assert.Equal([true, false, false, false, false, false, false], packets.Select(p => p.Marker));
        Assert.All(packets, p => Assert.Equal(4_000_000_000u, p.Timestamp));
        Assert.All(packets, p => Assert.Equal(5, p.Payload.Event));
        Assert.All(packets, p => Assert.Equal(DtmfSender.DefaultVolume, p.Payload.Volume));
        Assert.Equal([160, 320, 480, 640, 800, 800, 800], packets.Select(p => (int)p.Payload.Duration));
        Assert.Equal([false, false, false, false, true, true, true], packets.Select(p => p.Payload.End));
        Assert.False(sender.IsSending);
        Assert.False(sender.TryGetNext(out _));
    }

    [Fact]
    public void A_press_shorter_than_the_interval_is_just_the_end_packets()
    {
        var sender = new DtmfSender(8000, TimeSpan.FromMilliseconds(50));
        sender.Start('*', TimeSpan.FromMilliseconds(40), 0);

        var packets = Drain(sender);

        Assert.Equal([true, false, false], packets.Select(p => p.Marker));
        Assert.All(packets, p => Assert.Equal(new TelephoneEventPayload(10, true, 10, 320), p.Payload));
    }

    [Fact]
    public void Updates_follow_the_packet_interval()
    {
        var sender = new DtmfSender(8000, TimeSpan.FromMilliseconds(50), volume: 0);
        sender.Start('0', TimeSpan.FromMilliseconds(160), 0);

        Assert.Equal(6, sender.PacketCount);
        Assert.Equal([400, 800, 1200, 1280, 1280, 1280], Drain(sender).Select(p => (int)p.Payload.Duration));
    }

    [Fact]
    public void What_the_sender_sends_the_receiver_reads_back()
    {
        var sender = new DtmfSender(8000, Interval);
        var buffer = new byte[RtpPacket.FixedHeaderSize + TelephoneEventPayload.Size];
        var payload = new byte[TelephoneEventPayload.Size];
        ushort seq = 65530;

        // The sequence number wraps during the second digit, the timestamp before the third.
        var timestamp = uint.MaxValue - 2000;
        foreach (var (digit, ms) in new[] { ('1', 120), ('#', 250), ('D', 60) })
        {
            sender.Start(digit, TimeSpan.FromMilliseconds(ms), timestamp);
            while (sender.TryGetNext(out var packet))
            {
                timestamp += 160;
                packet.Payload.TryWrite(payload, out _);
                new RtpPacket(new RtpHeader(101, seq++, packet.Timestamp, Ssrc, packet.Marker), payload).TryWrite(buffer, out var written);
                Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, written), out var parsed, out _));
                _receiver.Process(parsed);
                _time.Advance(Interval);
            }
        }

        Assert.Equal(
            [new DtmfDigit('1', TimeSpan.FromMilliseconds(120)), new DtmfDigit('#', TimeSpan.FromMilliseconds(250)), new DtmfDigit('D', TimeSpan.FromMilliseconds(60))],
            Read());
    }

    [Fact]
    public void Sending_allocates_nothing()
    {
        var sender = new DtmfSender(8000, Interval);
        var buffer = new byte[64];
        SendDigit(sender, buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            SendDigit(sender, buffer);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());

        static void SendDigit(DtmfSender sender, byte[] buffer)
        {
            sender.Start('9', TimeSpan.FromMilliseconds(200), 1);
            ushort seq = 0;
            while (sender.TryGetNext(out var packet))
            {
                packet.Payload.TryWrite(buffer.AsSpan(RtpPacket.FixedHeaderSize), out _);
                var rtp = new RtpPacket(new RtpHeader(101, seq++, packet.Timestamp, 1, packet.Marker), buffer.AsSpan(RtpPacket.FixedHeaderSize, TelephoneEventPayload.Size));
                rtp.TryWrite(buffer, out _);
            }
        }
    }

    [Fact]
    public void Sender_rejects_what_it_cannot_send()
    {
        var sender = new DtmfSender(8000, Interval);

        Assert.Throws<ArgumentOutOfRangeException>(() => sender.Start('E', TimeSpan.FromMilliseconds(100), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => sender.Start('1', TimeSpan.Zero, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => sender.Start('1', TimeSpan.FromSeconds(9), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DtmfSender(8000, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DtmfSender(8000, Interval, volume: 64));
    }

    [Fact]
    public void Cancel_stops_the_event()
    {
        var sender = new DtmfSender(8000, Interval);
        sender.Start('1', TimeSpan.FromMilliseconds(100), 0);
        sender.TryGetNext(out _);

        sender.Cancel();

        Assert.False(sender.IsSending);
        Assert.False(sender.TryGetNext(out _));
    }

    private static byte[] Payload(char digit, ushort duration, bool end = false)
    {
        DtmfEvents.TryGetEventCode(digit, out var code);
        return Write(new TelephoneEventPayload(code, end, 10, duration));
    }

    private static byte[] Write(TelephoneEventPayload payload)
    {
        var bytes = new byte[TelephoneEventPayload.Size];
        payload.TryWrite(bytes, out _);
        return bytes;
    }

    private static List<DtmfPacket> Drain(DtmfSender sender)
    {
        var packets = new List<DtmfPacket>();
        while (sender.TryGetNext(out var packet))
        {
            packets.Add(packet);
        }

        return packets;
    }

    private void Send(uint timestamp, char digit, ushort duration, bool end = false)
    {
        _receiver.Process(Ssrc, timestamp, Payload(digit, duration, end));
        _time.Advance(Interval);
    }

    private List<DtmfDigit> Read()
    {
        var digits = new List<DtmfDigit>();
        while (_receiver.TryRead(out var digit))
        {
            digits.Add(digit);
        }

        return digits;
    }
}
