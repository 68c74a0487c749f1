using System.Net;
using System.Net.Sockets;
using PhoneAgent.Sip.Media;
using PhoneAgent.Sip.Media.Codecs;
using PhoneAgent.Sip.Media.Rtp;
using PhoneAgent.Sip.Media.Session;
using PhoneAgent.Sip.Sdp;
using PhoneAgent.Testing;

namespace PhoneAgent.Sip.Tests.Media.Session;

public sealed class RtpMediaSessionTests : IAsyncDisposable
{
    private static readonly TimeSpan Ptime = TimeSpan.FromMilliseconds(20);

    private readonly ManualTimeProvider _time = new();
    private readonly List<IDisposable> _owned = [];
    private readonly List<RtpMediaSession> _sessions = [];

    [Fact]
    public async Task A_G711_tone_crosses_two_sessions_and_arrives_with_high_SNR()
    {
        var botPorts = Own(SessionFixture.Lease());
        var callerPorts = Own(SessionFixture.Lease());
        var bot = Session(botPorts, SessionFixture.Media(callerPorts.RtpEndPoint, botPorts.RtpEndPoint));
        var caller = Session(callerPorts, SessionFixture.Media(botPorts.RtpEndPoint, callerPorts.RtpEndPoint));
        var tone = AudioSignals.Tone(440, 16000, 16000);
        bot.Sender.Enqueue(tone);
        bot.Start();
        caller.Start();

        var heard = new List<short>();
        for (var k = 0; k < 75; k++)
        {
            _time.Advance(k == 0 ? TimeSpan.Zero : Ptime);
            var sent = bot.Sender.PacketsSent;
            await SessionFixture.WaitUntil(() => caller.Statistics.PacketsReceived >= sent, $"packet {k}");
            while (caller.Frames.TryRead(out var frame)) heard.AddRange(frame);
        }

        var received = heard.ToArray();
        var delay = BestDelay(tone.AsSpan(4000, 4000), received);
        var snr = AudioSignals.SnrDb(tone.AsSpan(4000, 8000), received.AsSpan(4000 + delay, 8000));
        Assert.True(snr > 30, $"SNR {snr:F1} dB at delay {delay}");
        Assert.Equal(0, caller.Statistics.Lost);
        Assert.Equal(botPorts.RtpEndPoint, caller.LatchedEndPoint);
    }

    [Fact]
    public async Task With_echo_the_caller_hears_their_tone_back_one_tick_after_the_jitter_buffer_plays_it()
    {
        var botPorts = Own(SessionFixture.Lease());
        var callerPorts = Own(SessionFixture.Lease());
        var bot = Session(botPorts, SessionFixture.Media(callerPorts.RtpEndPoint, botPorts.RtpEndPoint), new RtpMediaSessionOptions { Echo = true });
        var caller = Session(callerPorts, SessionFixture.Media(botPorts.RtpEndPoint, callerPorts.RtpEndPoint));
        var tone = AudioSignals.Tone(440, 16000, 16000);
        caller.Sender.Enqueue(tone);
        caller.Start();
        bot.Start();

        var heard = new List<short>();
        for (var k = 0; k < 75; k++)
        {
            _time.Advance(k == 0 ? TimeSpan.Zero : Ptime);
            var (toBot, toCaller) = (caller.Sender.PacketsSent, bot.Sender.PacketsSent);
            await SessionFixture.WaitUntil(() => bot.Statistics.PacketsReceived >= toBot && caller.Statistics.PacketsReceived >= toCaller, $"packet {k}");
            while (caller.Frames.TryRead(out var frame)) heard.AddRange(frame);
        }

        // Through the bot's jitter buffer, one tick, and the caller's jitter buffer: a few ticks, and never a backlog
        // on the bot. (A pure tone repeats every period, so the delay is read off its start, not by correlation.)
        var received = heard.ToArray();
        var start = Array.FindIndex(received, s => Math.Abs((int)s) > 1000);
        Assert.InRange(start / 16.0, 60, 160);
        var delay = BestDelay(tone.AsSpan(4000, 4000), received.AsSpan(start)) + start;
        var snr = AudioSignals.SnrDb(tone.AsSpan(4000, 8000), received.AsSpan(4000 + delay, 8000));
        Assert.True(snr > 25, $"SNR {snr:F1} dB at delay {delay}");
        Assert.InRange(bot.Sender.QueuedSamples, 0, 320);

        // Nobody reads an echoing session's frames, so it makes none (no array per frame) and counts none dropped.
        Assert.False(bot.Frames.TryRead(out _));
        Assert.Equal(0, bot.Statistics.FramesDropped);
    }

    [Fact]
    public async Task With_echo_a_late_clock_sheds_the_stale_ticks_audio_instead_of_falling_behind()
    {
        var ports = Own(SessionFixture.Lease());
        using var phone = SessionFixture.Bind();
        var time = new SteppedTimeProvider();
        var session = new RtpMediaSession(ports, SessionFixture.Media((IPEndPoint)phone.LocalEndPoint!, ports.RtpEndPoint), time, new RtpMediaSessionOptions { Echo = true });
        _sessions.Add(session);
        session.Start();
        var loud = new byte[160];
        MuLaw.Encode(AudioSignals.Tone(440, 8000, 160), loud);
        for (ushort s = 1; s <= 20; s++) await SendRtp(phone, ports, sequence: s, timestamp: (uint)(160 * s), marker: s == 1, payload: loud);
        await SessionFixture.WaitUntil(() => session.Statistics.PacketsReceived == 20, "the phone's packets");
        time.FireAt(TimeSpan.Zero);
        time.FireAt(TimeSpan.FromMilliseconds(20));
        Assert.Equal(320, session.Sender.QueuedSamples);

        // A 200 ms stall: ticks 2 to 7 run stale and send nothing, so their frames are not echoed either; 8 to 11
        // send one frame each and echo one, and the echo stays one frame behind.
        time.FireAt(TimeSpan.FromMilliseconds(225));

        Assert.Equal(6, session.Statistics.SkippedTicks);
        Assert.Equal(320, session.Sender.QueuedSamples);
    }

    [Fact]
    public async Task It_latches_onto_the_real_source_sends_there_and_rejects_injected_packets()
    {
        var ports = Own(SessionFixture.Lease());
        using var phone = SessionFixture.Bind();
        using var attacker = SessionFixture.Bind();

        // The SDP names a port nobody listens on, as a caller behind NAT would.
        var session = Session(ports, SessionFixture.Media(new IPEndPoint(IPAddress.Loopback, 9), ports.RtpEndPoint));
        session.Start();
        await SendRtp(phone, ports, sequence: 1);
        await SessionFixture.WaitUntil(() => session.Statistics.PacketsReceived == 1, "the phone's packet");
        Assert.Equal(phone.LocalEndPoint, session.LatchedEndPoint);

        await SendRtp(attacker, ports, sequence: 2);
        await SendRtp(phone, ports, sequence: 3);
        await SessionFixture.WaitUntil(() => session.Statistics.PacketsReceived == 2, "the phone's second packet");
        Assert.Equal(1, session.Statistics.Dropped[RtpDropReason.UnexpectedSource]);

        _time.Advance(TimeSpan.Zero);
        var buffer = new byte[2048];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await phone.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, result.ReceivedBytes), out var packet, out _));
        Assert.Equal(session.Sender.Ssrc, packet.Header.Ssrc);
    }

    [Fact]
    public async Task A_new_remote_address_in_a_reinvite_releases_the_latch()
    {
        var ports = Own(SessionFixture.Lease());
        using var phone = SessionFixture.Bind();
        using var moved = SessionFixture.Bind();
        var session = Session(ports, SessionFixture.Media((IPEndPoint)phone.LocalEndPoint!, ports.RtpEndPoint));
        session.Start();
        await SendRtp(phone, ports, sequence: 1);
        await SessionFixture.WaitUntil(() => session.LatchedEndPoint is not null, "latching");

        session.UpdateMedia(SessionFixture.Media((IPEndPoint)moved.LocalEndPoint!, ports.RtpEndPoint));
        Assert.Null(session.LatchedEndPoint);
        await SendRtp(moved, ports, sequence: 2);
        await SessionFixture.WaitUntil(() => session.LatchedEndPoint is not null, "re-latching");
        Assert.Equal(moved.LocalEndPoint, session.LatchedEndPoint);
    }

    [Fact]
    public async Task Malformed_and_unknown_packets_are_counted_by_reason_and_the_loop_survives()
    {
        var ports = Own(SessionFixture.Lease());
        using var phone = SessionFixture.Bind();
        var session = Session(ports, SessionFixture.Media((IPEndPoint)phone.LocalEndPoint!, ports.RtpEndPoint));
        session.Start();

        await phone.SendToAsync(new byte[5], ports.RtpEndPoint);
        var badVersion = new byte[20];
        badVersion[0] = 0x40;
        await phone.SendToAsync(badVersion, ports.RtpEndPoint);
        await SendRtp(phone, ports, sequence: 1, payloadType: 34);
        await SendRtp(phone, ports, sequence: 2);
        await SessionFixture.WaitUntil(() => session.Statistics.PacketsReceived == 1, "the valid packet");

        var statistics = session.Statistics;
        Assert.Equal(2, statistics.Dropped[RtpDropReason.Malformed]);
        Assert.Equal(1, statistics.Malformed[RtpParseError.TooShort]);
        Assert.Equal(1, statistics.Malformed[RtpParseError.BadVersion]);
        Assert.Equal(1, statistics.Dropped[RtpDropReason.UnknownPayloadType]);
    }

    [Fact]
    public async Task Voice_reaches_the_arrival_handler_decoded_as_it_arrives_ahead_of_the_playout_and_in_order_only()
    {
        var ports = Own(SessionFixture.Lease());
        using var phone = SessionFixture.Bind();
        var session = Session(ports, SessionFixture.Media((IPEndPoint)phone.LocalEndPoint!, ports.RtpEndPoint));
        var arrived = new System.Collections.Concurrent.ConcurrentQueue<short[]>();
        session.SetArrivalHandler(pcm => arrived.Enqueue(pcm.ToArray()));
        session.Start();

        // 12 overtakes 11, which is then late; 12 comes twice. The clock never moves, so nothing is played out.
        var loud = new byte[160];
        MuLaw.Encode(AudioSignals.Tone(440, 8000, 160), loud);
        ushort[] sequences = [10, 12, 11, 12, 13];
        foreach (var sequence in sequences) await SendRtp(phone, ports, sequence, payload: loud);
        await SessionFixture.WaitUntil(() => session.Statistics.PacketsReceived == sequences.Length, "the packets");

        Assert.Equal(3, arrived.Count);
        Assert.All(arrived, pcm => Assert.Equal(320, pcm.Length));
        Assert.Contains(arrived, pcm => pcm.Any(sample => Math.Abs(sample) > 10000));
        Assert.False(session.Frames.TryRead(out _));

        session.SetArrivalHandler(null);
        await SendRtp(phone, ports, 14, payload: loud);
        await SessionFixture.WaitUntil(() => session.Statistics.PacketsReceived == sequences.Length + 1, "the last packet");
        Assert.Equal(3, arrived.Count);
    }

    [Fact]
    public void Inactivity_is_reported_at_the_timeout_and_not_before()
    {
        var ports = Own(SessionFixture.Lease());
        var session = Session(ports, SessionFixture.Media(new IPEndPoint(IPAddress.Loopback, 9), ports.RtpEndPoint), new RtpMediaSessionOptions { InactivityTimeout = TimeSpan.FromSeconds(30) });
        session.Start();

        _time.Advance(TimeSpan.FromSeconds(30) - Ptime);
        Assert.False(session.Events.TryRead(out _));
        _time.Advance(Ptime);
        Assert.True(session.Events.TryRead(out var e));
        Assert.Equal(new MediaInactive(TimeSpan.FromSeconds(30)), e);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(session.Events.TryRead(out _));
    }

    [Fact]
    public void A_held_call_never_times_out()
    {
        var ports = Own(SessionFixture.Lease());
        var session = Session(ports, SessionFixture.Media(new IPEndPoint(IPAddress.Loopback, 9), ports.RtpEndPoint));
        session.Start();
        _time.Advance(TimeSpan.FromSeconds(20));
        session.UpdateMedia(SessionFixture.Media(new IPEndPoint(IPAddress.Loopback, 9), ports.RtpEndPoint, localDirection: SdpDirection.RecvOnly, hold: true));
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.False(session.Events.TryRead(out _));
        Assert.False(session.Sender.IsSending);

        session.UpdateMedia(SessionFixture.Media(new IPEndPoint(IPAddress.Loopback, 9), ports.RtpEndPoint));
        Assert.True(session.Sender.IsSending);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(session.Events.TryRead(out var e));
        Assert.IsType<MediaInactive>(e);
    }

    [Fact]
    public async Task Telephone_event_packets_become_digits()
    {
        var ports = Own(SessionFixture.Lease());
        using var phone = SessionFixture.Bind();
        var session = Session(ports, SessionFixture.Media((IPEndPoint)phone.LocalEndPoint!, ports.RtpEndPoint));
        session.Start();
        DtmfEvents.TryGetEventCode('7', out var code);
        var updates = new (bool End, ushort Duration)[] { (false, 160), (false, 320), (false, 480), (true, 640), (true, 640), (true, 640) };
        for (var i = 0; i < updates.Length; i++)
        {
            var payload = new byte[TelephoneEventPayload.Size];
            new TelephoneEventPayload(code, updates[i].End, 10, updates[i].Duration).TryWrite(payload, out _);
            await SendRtp(phone, ports, (ushort)(10 + i), SessionFixture.TelephoneEventPayloadType, timestamp: 8000, marker: i == 0, payload: payload);
        }

        await SessionFixture.WaitUntil(() => session.Statistics.PacketsReceived == updates.Length, "the event packets");
        _time.Advance(Ptime);
        Assert.True(session.Events.TryRead(out var e));
        Assert.Equal(new DtmfReceived(new DtmfDigit('7', TimeSpan.FromMilliseconds(80))), e);
        Assert.False(session.Events.TryRead(out _));
    }

    [Fact]
    public async Task Reports_are_sent_to_the_peers_rtcp_source_with_LSR_and_DLSR_of_its_sender_report()
    {
        var ports = Own(SessionFixture.Lease());
        using var phone = SessionFixture.Bind();
        using var phoneRtcp = SessionFixture.Bind();
        var session = Session(ports, SessionFixture.Media((IPEndPoint)phone.LocalEndPoint!, ports.RtpEndPoint));
        session.Start();
        for (ushort sequence = 1; sequence <= 3; sequence++) await SendRtp(phone, ports, sequence, timestamp: sequence * 160u);

        // RTCP from the peer counts only once RTP has latched its address; the two sockets race otherwise.
        await SessionFixture.WaitUntil(() => session.Statistics.PacketsReceived == 3, "the RTP packets");

        var ntp = NtpTime.FromDateTimeOffset(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var senderReport = new byte[256];
        var writer = new RtcpCompoundWriter(senderReport);
        Assert.True(writer.TryWriteSenderReport(0x1234, new RtcpSenderInfo(ntp, 480, 3, 480), []));
        Assert.True(writer.TryWriteSourceDescription(0x1234, "phone"u8));
        await phoneRtcp.SendToAsync(senderReport.AsMemory(0, writer.BytesWritten), ports.Rtcp.LocalEndPoint!);
        await SessionFixture.WaitUntil(() => session.Statistics.RtcpReceived == 1, "the sender report");

        // The first report is due within 0.5 * [0.5, 1.5] of the 5 s interval (RFC 3550 §6.2, §6.3.1).
        _time.Advance(TimeSpan.FromSeconds(3.8));
        Assert.InRange(session.Statistics.RtcpSent, 1, 2);
        var buffer = new byte[2048];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await phoneRtcp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        var datagram = buffer.AsSpan(0, result.ReceivedBytes);
        Assert.True(RtcpCompoundReader.TryValidate(datagram, out var failure), failure.ToString());
        var reader = new RtcpCompoundReader(datagram);
        Assert.True(reader.TryRead(out var first));
        Assert.True(RtcpReport.TryParse(first, out var report, out _));
        Assert.True(report.IsSenderReport);
        Assert.Equal(session.Sender.Ssrc, report.Ssrc);
        Assert.Equal(1, report.ReportCount);
        var block = report.GetReportBlock(0);
        Assert.Equal(0x1234u, block.Ssrc);
        Assert.Equal(NtpTime.ToCompact(ntp), block.LastSenderReport);
        Assert.InRange(block.DelaySinceLastSenderReport / 65536.0, 1.25, 3.8);
        Assert.True(reader.TryRead(out var second));
        Assert.Equal((byte)RtcpPacketType.SourceDescription, second.Type);
    }

    [Fact]
    public async Task Ending_the_session_sends_a_report_then_a_BYE_for_our_source()
    {
        var ports = Own(SessionFixture.Lease());
        using var phone = SessionFixture.Bind();
        using var phoneRtcp = SessionFixture.Bind();
        var session = new RtpMediaSession(ports, SessionFixture.Media((IPEndPoint)phone.LocalEndPoint!, ports.RtpEndPoint), _time);
        session.Start();
        await SendRtp(phone, ports, sequence: 1);
        await SessionFixture.WaitUntil(() => session.Statistics.PacketsReceived == 1, "the RTP packet");
        var receiverReport = new byte[64];
        var writer = new RtcpCompoundWriter(receiverReport);
        Assert.True(writer.TryWriteReceiverReport(0x1234, []));
        await phoneRtcp.SendToAsync(receiverReport.AsMemory(0, writer.BytesWritten), ports.Rtcp.LocalEndPoint!);
        await SessionFixture.WaitUntil(() => session.Statistics.RtcpReceived == 1, "the receiver report");
        _time.Advance(Ptime);

        await session.DisposeAsync();

        var buffer = new byte[2048];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await phoneRtcp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        var datagram = buffer.AsSpan(0, result.ReceivedBytes);
        Assert.True(RtcpCompoundReader.TryValidate(datagram, out var failure), failure.ToString());
        var types = new List<RtcpPacketType>();
        var reader = new RtcpCompoundReader(datagram);
        var goodbyeSource = 0u;
        while (reader.TryRead(out var packet))
        {
            types.Add((RtcpPacketType)packet.Type);
            if ((RtcpPacketType)packet.Type == RtcpPacketType.Goodbye && RtcpGoodbye.TryParse(packet, out var goodbye, out _)) goodbyeSource = goodbye.GetSource(0);
        }

        Assert.Equal([RtcpPacketType.SenderReport, RtcpPacketType.SourceDescription, RtcpPacketType.Goodbye], types);
        Assert.Equal(session.Sender.Ssrc, goodbyeSource);
    }

    [Fact]
    public void The_recorder_gets_the_bot_audio_exactly_as_sent_against_the_callers_silence()
    {
        var ports = Own(SessionFixture.Lease());
        var path = Path.Combine(Path.GetTempPath(), $"phoneagent-session-{Guid.NewGuid():N}.wav");
        try
        {
            var session = Session(ports, SessionFixture.Media(new IPEndPoint(IPAddress.Loopback, 9), ports.RtpEndPoint));
            var tone = AudioSignals.Tone(440, 16000, 8000);
            using (var recorder = new StereoWavRecorder(path))
            {
                session.Recorder = recorder;
                session.Sender.Enqueue(tone);
                session.Start();
                _time.Advance(TimeSpan.FromSeconds(1) - Ptime);
                session.Recorder = null;
            }

            var file = File.ReadAllBytes(path);
            Assert.Equal(44 + (16000 * 4), file.Length);
            for (var i = 0; i < 16000; i++)
            {
                Assert.Equal(0, BitConverter.ToInt16(file, 44 + (4 * i)));
                Assert.Equal(i < tone.Length ? tone[i] : 0, BitConverter.ToInt16(file, 46 + (4 * i)));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Disposing_twice_is_harmless_and_completes_the_channels()
    {
        var ports = Own(SessionFixture.Lease());
        var session = new RtpMediaSession(ports, SessionFixture.Media(new IPEndPoint(IPAddress.Loopback, 9), ports.RtpEndPoint), _time);
        session.Start();
        _time.Advance(Ptime);
        await session.DisposeAsync();
        await session.DisposeAsync();
        Assert.Equal(2, session.Frames.Count);
        while (session.Frames.TryRead(out _))
        {
        }

        Assert.True(session.Frames.Completion.IsCompleted);
        Assert.True(session.Events.Completion.IsCompleted);
        Assert.Equal(0, _time.ActiveTimerCount);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions) await session.DisposeAsync();
        foreach (var owned in _owned) owned.Dispose();
    }

    private static async Task SendRtp(Socket from, RtpPortLease to, ushort sequence, byte payloadType = 0, uint timestamp = 1000, bool marker = false, byte[]? payload = null)
    {
        payload ??= new byte[160];
        var packet = new RtpPacket(new RtpHeader(payloadType, sequence, timestamp, 0x1234, marker), payload);
        var datagram = new byte[packet.GetSerializedSize()];
        packet.TryWrite(datagram, out _);
        await from.SendToAsync(datagram, to.RtpEndPoint);
    }

    private static int BestDelay(ReadOnlySpan<short> reference, ReadOnlySpan<short> signal)
    {
        var best = 0;
        var bestScore = double.MinValue;
        for (var delay = 0; delay + 4000 + reference.Length < signal.Length && delay < 4000; delay++)
        {
            double score = 0;
            for (var i = 0; i < reference.Length; i++) score += reference[i] * (double)signal[4000 + delay + i];
            if (score > bestScore)
            {
                bestScore = score;
                best = delay;
            }
        }

        return best;
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private RtpMediaSession Session(RtpPortLease ports, PhoneAgent.Sip.Calls.CallMedia media, RtpMediaSessionOptions? options = null)
    {
        var session = new RtpMediaSession(ports, media, _time, options);
        _sessions.Add(session);
        return session;
    }
}
