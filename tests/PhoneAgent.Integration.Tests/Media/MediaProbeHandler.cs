using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Media.Rtp;
using PhoneAgent.Sip.Media.Session;

namespace PhoneAgent.Integration.Tests.Media;

/// <summary>
/// A call handler that runs the real <see cref="RtpMediaSession"/> for every answered call and keeps what the
/// speech pipeline would see: the negotiated media, every decoded 16 kHz frame and every DTMF digit. The session
/// ticks on a <see cref="MediaClock"/> thread and receives on a <see cref="DatagramReceiver"/> thread, as in a host.
/// </summary>
public sealed class MediaProbeHandler : ISipCallHandler
{
    private readonly ConcurrentQueue<short[]> _frames = new();
    private readonly ConcurrentQueue<DtmfDigit> _digits = new();
    private readonly TaskCompletionSource<CallMedia> _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<DtmfDigit> _firstDigit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _heard = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _heardThrough = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _audibleFrames;
    private int _framesSinceOnset = -1;

    /// <summary>How many frames with sound in them complete <see cref="Heard"/>.</summary>
    public int AudibleFramesWanted { get; init; } = 100;

    /// <summary>How many frames from the first one with sound in it complete <see cref="HeardThrough"/>.</summary>
    public int FramesFromOnsetWanted { get; init; } = int.MaxValue;

    /// <summary>When set, the session records the call here (caller left, bot right).</summary>
    public string? RecordingPath { get; init; }

    /// <summary>Completes once <see cref="FramesFromOnsetWanted"/> frames have been decoded from the first audible one on.</summary>
    public Task HeardThrough => _heardThrough.Task;

    /// <summary>The media the first call was answered with.</summary>
    public Task<CallMedia> Answered => _answered.Task;

    /// <summary>Completes once <see cref="AudibleFramesWanted"/> frames with sound have been decoded: waiting for audio, not for time.</summary>
    public Task Heard => _heard.Task;

    /// <summary>Completes when the first call has ended and its session is disposed, so every frame and digit is in.</summary>
    public Task Ended => _ended.Task;

    /// <summary>The caller's audio as the session delivered it, 16 kHz mono.</summary>
    public short[] Samples() => _frames.SelectMany(f => f).ToArray();

    /// <summary>The session's counters when the call ended, for failure messages.</summary>
    public MediaSessionStatistics? Statistics { get; private set; }

    /// <summary>Completes with the first digit the session reports.</summary>
    public Task<DtmfDigit> FirstDigit => _firstDigit.Task;

    /// <summary>Digits in the order they were reported.</summary>
    public IReadOnlyList<DtmfDigit> Digits => _digits.ToArray();

    /// <summary>
    /// Starts the bot on 127.0.0.1 at a free port, answering at once, with <paramref name="handler"/> for its calls and
    /// <paramref name="configure"/> applied to its settings.
    /// </summary>
    public static SipUserAgent StartBot(MediaProbeHandler handler, Func<SipUserAgentOptions, SipUserAgentOptions>? configure = null)
    {
        var options = new SipUserAgentOptions { ListenAddress = IPAddress.Loopback, Port = 0, RingingTime = TimeSpan.Zero, RtpPortMin = 45000, RtpPortMax = 49999 };
        options = configure?.Invoke(options) ?? options;
        var agent = new SipUserAgent(options, handler, NullLoggerFactory.Instance, TimeProvider.System);
        agent.Start();
        return agent;
    }

    /// <inheritdoc />
    public async Task HandleCallAsync(SipCall call, CancellationToken cancellationToken)
    {
        RtpMediaSession? session = null;
        StereoWavRecorder? recorder = null;
        using var clock = new MediaClock(TimeProvider.System, lanes: 1);
        using var receiver = new DatagramReceiver(threads: 1);
        using var stop = new CancellationTokenSource();
        var workers = new List<Task>();
        try
        {
            await foreach (var e in call.Events.ReadAllAsync(CancellationToken.None))
            {
                if (e is not CallAnswered answered || session is not null) continue;
                session = new RtpMediaSession(call.RtpPorts, answered.Media, clock, receiver);
                if (RecordingPath is not null) session.Recorder = recorder = new StereoWavRecorder(RecordingPath);
                session.Start();
                workers.Add(ReadFramesAsync(session, stop.Token));
                workers.Add(ReadEventsAsync(session, stop.Token));
                _answered.TrySetResult(answered.Media);
            }
        }
        finally
        {
            // Disposing first ends the channels, so the readers finish with everything the session produced.
            if (session is not null)
            {
                Statistics = session.Statistics;
                await session.DisposeAsync();
            }

            recorder?.Dispose();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            _ended.TrySetResult();
        }
    }

    private async Task ReadFramesAsync(RtpMediaSession session, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in session.Frames.ReadAllAsync(cancellationToken))
            {
                _frames.Enqueue(frame);
                // A few hundred in 32767 is clearly more than μ-law silence or comfort noise.
                var audible = frame.Any(s => Math.Abs((int)s) > 300);
                if (audible && Interlocked.Increment(ref _audibleFrames) == AudibleFramesWanted) _heard.TrySetResult();
                if (_framesSinceOnset >= 0 || audible) _framesSinceOnset++;
                if (_framesSinceOnset + 1 == FramesFromOnsetWanted) _heardThrough.TrySetResult();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReadEventsAsync(RtpMediaSession session, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in session.Events.ReadAllAsync(cancellationToken))
            {
                if (e is not DtmfReceived dtmf) continue;
                _digits.Enqueue(dtmf.Digit);
                _firstDigit.TrySetResult(dtmf.Digit);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
