using System.Diagnostics;
using System.Net;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Media;
using PhoneAgent.Sip.Media.Codecs;
using PhoneAgent.Sip.Media.Session;
using PhoneAgent.Sip.Sdp;

namespace PhoneAgent.MediaLoad;

/// <summary>What one load step measured; CPU percentages are of one core.</summary>
internal sealed record LoadResult(
    int Calls,
    double BotCpuPercent,
    double CallerCpuPercent,
    long CallerSent,
    long BotReceived,
    long BotSent,
    long EchoReceived,
    long EchoVoice,
    long JitterBufferLost,
    double JitterP50,
    double JitterP99,
    double JitterMax,
    long LateTicks,
    long SkippedTicks,
    long KernelDrops,
    long Gen0,
    long Gen1,
    long Gen2,
    TimeSpan GcPause,
    double AllocatedMegabytesPerSecond,
    long Strays);

/// <summary>
/// One load step: <c>calls</c> bot sessions echoing, exactly as the host's echo handler does, what caller lanes
/// stream at them. Warm-up first (JIT, jitter buffers settling), then a measured window; loss is counted over the
/// whole step, after a drain that lets every packet in flight arrive.
/// </summary>
internal static class LoadRun
{
    private const int Ptime = 20;
    private const int CallsPerLane = 250;
    private const int ToneHz = 400;
    private const short ToneAmplitude = 8000;
    private const int RealtimePriority = 10;
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(Ptime);

    // What MediaCallHandler runs with Media:Echo: each decoded 16 kHz frame goes back to the session's sender on the
    // media clock (decode -> 16 kHz -> resample -> encode), and the session publishes no frames.
    private static readonly RtpMediaSessionOptions EchoOptions = new() { Echo = true };

    // Longer than any jitter-buffer delay, so every caller packet has been received when the bot's count is read,
    // and every bot packet has arrived when the lanes' counts are.
    private static readonly TimeSpan Drain = TimeSpan.FromMilliseconds(500);

    public static async Task<LoadResult> RunAsync(int calls, SdpCodec codec, TimeSpan warmup, TimeSpan window, RtpPortAllocator ports)
    {
        var (tone, silence) = Payloads(codec);
        var kernelDropsBefore = ProcStat.UdpReceiveBufferErrors();
        var lanes = new List<CallerLane>();
        var sessions = new List<(RtpMediaSession Session, RtpPortLease Ports)>();
        var streams = new List<CallerStream>();
        CallerSender? sender = null;
        // As the host runs them (Media:RealtimePriority, default 10): the clock lanes and receive threads under
        // SCHED_FIFO when the process may (root, CAP_SYS_NICE or RLIMIT_RTPRIO), otherwise at normal priority.
        using var clock = new MediaClock(TimeProvider.System, realtimePriority: RealtimePriority);
        using var receiver = new DatagramReceiver(realtimePriority: RealtimePriority);
        if (!clock.IsRealtime || !receiver.IsRealtime)
        {
            Console.Error.WriteLine($"media-load: realtime priority {RealtimePriority} refused; the media threads run at normal priority (run as root or with CAP_SYS_NICE)");
        }

        try
        {
            for (var i = 0; i < (calls + CallsPerLane - 1) / CallsPerLane; i++) lanes.Add(new CallerLane(Lease(ports), silence, Period));
            for (var i = 0; i < calls; i++)
            {
                var lane = lanes[i / CallsPerLane];
                var lease = Lease(ports);
                var session = new RtpMediaSession(lease, Media(codec, lane.EndPoint, lease.RtpEndPoint), clock, receiver, EchoOptions);
                sessions.Add((session, lease));
                var stream = new CallerStream(lane, lease.RtpEndPoint, (uint)Random.Shared.NextInt64(1L << 32), (byte)codec.OfferPayloadType, tone);
                streams.Add(stream);
                lane.Add(session.Sender.Ssrc, stream);
            }

            foreach (var lane in lanes) lane.Start();

            // Real calls start at random instants, so their media ticks are spread over the period; starting all the
            // sessions at once would bunch their ticks into one burst per period instead.
            var perMillisecond = Math.Max(1, calls / Ptime);
            for (var i = 0; i < calls; i++)
            {
                sessions[i].Session.Start();
                if (i % perMillisecond == perMillisecond - 1) Thread.Sleep(1);
            }

            sender = new CallerSender(streams, Period);
            sender.Start();
            await Task.Delay(warmup).ConfigureAwait(false);

            var callerThreads = lanes.Select(l => l.ThreadId).Append(sender.ThreadId).ToArray();
            var ticksBefore = Ticks(sessions);
            var jitterLostBefore = sessions.Sum(s => s.Session.Statistics.Lost);
            var (gen0, gen1, gen2, pause) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var callerCpuBefore = callerThreads.Sum(t => ProcStat.ThreadCpu(t).TotalSeconds);
            var wall = Stopwatch.StartNew();
            foreach (var lane in lanes) lane.Measuring = true;

            await Task.Delay(window).ConfigureAwait(false);

            foreach (var lane in lanes) lane.Measuring = false;
            var elapsed = wall.Elapsed.TotalSeconds;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            var callerCpu = callerThreads.Sum(t => ProcStat.ThreadCpu(t).TotalSeconds) - callerCpuBefore;
            var ticksAfter = Ticks(sessions);
            var jitterLost = sessions.Sum(s => s.Session.Statistics.Lost) - jitterLostBefore;
            var gc = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2, GC.GetTotalPauseDuration() - pause);
            var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;

            sender.Stop();
            await Task.Delay(Drain).ConfigureAwait(false);
            var botReceived = sessions.Sum(s => s.Session.Statistics.PacketsReceived);
            await Task.WhenAll(sessions.Select(s => s.Session.DisposeAsync().AsTask())).ConfigureAwait(false);
            await Task.Delay(Drain).ConfigureAwait(false);
            var botSent = sessions.Sum(s => s.Session.Sender.PacketsSent);
            foreach (var lane in lanes) lane.Dispose();

            var jitter = new JitterHistogram();
            foreach (var lane in lanes) jitter.Merge(lane.Jitter);
            return new LoadResult(
                calls,
                100 * (cpu - callerCpu) / elapsed,
                100 * callerCpu / elapsed,
                streams.Sum(s => s.Sent) - sender.SendErrors,
                botReceived,
                botSent,
                streams.Sum(s => s.Received),
                streams.Sum(s => s.ReceivedVoice),
                jitterLost,
                jitter.Percentile(0.5),
                jitter.Percentile(0.99),
                jitter.MaxMilliseconds,
                ticksAfter.Late - ticksBefore.Late,
                ticksAfter.Skipped - ticksBefore.Skipped,
                ProcStat.UdpReceiveBufferErrors() - kernelDropsBefore,
                gc.Item1,
                gc.Item2,
                gc.Item3,
                gc.Item4,
                allocated / 1e6 / elapsed,
                lanes.Sum(l => l.Strays));
        }
        finally
        {
            // Idempotent: on the normal path everything is already stopped, and this only returns the ports.
            sender?.Stop();
            foreach (var (session, lease) in sessions)
            {
                await session.DisposeAsync().ConfigureAwait(false);
                lease.Dispose();
            }

            foreach (var lane in lanes) lane.Dispose();
        }
    }

    private static (long Late, long Skipped) Ticks(List<(RtpMediaSession Session, RtpPortLease Ports)> sessions)
    {
        long late = 0, skipped = 0;
        foreach (var (session, _) in sessions)
        {
            var statistics = session.Statistics;
            late += statistics.LateTicks;
            skipped += statistics.SkippedTicks;
        }

        return (late, skipped);
    }

    private static RtpPortLease Lease(RtpPortAllocator ports) =>
        ports.TryAllocate() ?? throw new InvalidOperationException("The RTP port range is exhausted; widen --port-base's range or free ports");

    private static CallMedia Media(SdpCodec codec, IPEndPoint caller, IPEndPoint local) => new(
        new SdpNegotiatedAudio
        {
            Codec = new SdpNegotiatedCodec(codec, codec.OfferPayloadType, null),
            Ptime = Ptime,
            RemoteRtpEndPoint = caller,
            RemoteDirection = SdpDirection.SendRecv,
            LocalDirection = SdpDirection.SendRecv,
            IsRemoteHold = false,
            MediaIndex = 0,
        },
        local);

    /// <summary>One packet of a 400 Hz tone (a whole number of cycles, so it repeats seamlessly) and one of silence.</summary>
    private static (byte[] Tone, byte[] Silence) Payloads(SdpCodec codec)
    {
        using var encoder = AudioCodecFactory.Create(codec.EncodingName);
        var samples = encoder.SamplesPerFrame(Ptime);
        var pcm = new short[samples];
        for (var i = 0; i < samples; i++) pcm[i] = (short)(ToneAmplitude * Math.Sin(2 * Math.PI * ToneHz * i / encoder.SampleRate));
        var tone = new byte[encoder.MaxPayloadSize(Ptime)];
        var toneLength = encoder.Encode(pcm, tone);
        var silence = new byte[tone.Length];
        var silenceLength = encoder.Encode(new short[samples], silence);
        return (tone[..toneLength], silence[..silenceLength]);
    }
}
