using PhoneAgent.Host.CallRecords;
using PhoneAgent.Host.Calls;
using PhoneAgent.Host.Conversation;
using PhoneAgent.Host.Metrics;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Media.Session;

namespace PhoneAgent.Host;

/// <summary>
/// Runs each answered call's RTP media: starts an <see cref="RtpMediaSession"/> when the call is answered, follows
/// hold, resume and re-INVITEs, records the call into its call record folder (or <see cref="MediaSettings.RecordingsFolder"/>),
/// and runs the conversation on it — or, with <see cref="MediaSettings.Echo"/>, plays the caller's audio back, which
/// tests the media path without speech engines. Hangs up with <see cref="CallEndCause.MediaTimeout"/> when the
/// caller's RTP stops.
/// </summary>
public sealed class MediaCallHandler(
    MediaSettings settings,
    MediaEngine engine,
    ILoggerFactory loggerFactory,
    ConversationRunner? conversation = null,
    CallRegistry? registry = null,
    PhoneAgentMetrics? metrics = null) : ISipCallHandler
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<MediaCallHandler>();

    /// <inheritdoc />
    public async Task HandleCallAsync(SipCall call, CancellationToken cancellationToken)
    {
        RtpMediaSession? session = null;
        RtpAudioPort? port = null;
        StereoWavRecorder? recorder = null;
        var record = registry?.Find(call);
        using var stop = new CancellationTokenSource();
        var workers = new List<Task>();
        try
        {
            await foreach (var e in call.Events.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                _logger.LogInformation("Call {CallId}: {Event}", call.CallId, e);
                switch (e)
                {
                    case CallAnswered answered when session is null:
                        record?.SetAnswered(answered.Media.Audio.Codec.EncodingName);
                        recorder = OpenRecorder(call, record);
                        session = engine.CreateSession(call.RtpPorts, answered.Media, Options(), loggerFactory.CreateLogger<RtpMediaSession>());
                        session.Recorder = recorder;
                        session.Start();
                        if (conversation is null || settings.Echo)
                        {
                            // With echo the session plays the caller back by itself, on its clock, and publishes no frames.
                            if (!settings.Echo) workers.Add(DrainAsync(session, stop.Token));
                            workers.Add(WatchAsync(call, session, record, stop.Token));
                        }
                        else
                        {
                            port = new RtpAudioPort(session, answered.Media, _logger, d => record?.AddDtmf(d));
                            workers.Add(ConverseAsync(conversation, call, port, record, stop.Token));
                        }

                        break;
                    case CallHeld held:
                        Update(held.Media);
                        break;
                    case CallResumed resumed:
                        Update(resumed.Media);
                        break;
                    case CallMediaChanged changed:
                        Update(changed.Media);
                        break;
                    case CallDtmfReceived dtmf when port is not null:
                        port.RaiseDtmf(dtmf.Digit.Digit, dtmf.Digit.Duration);
                        break;
                    case CallDtmfReceived dtmf:
                        record?.AddDtmf(dtmf.Digit);
                        break;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(workers).ConfigureAwait(false);
            if (port is not null) await port.DisposeAsync().ConfigureAwait(false);
            if (session is not null)
            {
                _logger.LogInformation("Call {CallId} media: {Statistics}", call.CallId, session.Statistics);
                metrics?.RecordMediaStatistics(session.Statistics);
                await session.DisposeAsync().ConfigureAwait(false);
            }

            recorder?.Dispose();
        }

        void Update(CallMedia media)
        {
            session?.UpdateMedia(media);
            port?.UpdateMedia(media);
        }
    }

    private async Task ConverseAsync(ConversationRunner runner, SipCall call, RtpAudioPort port, CallSession? record, CancellationToken cancellationToken)
    {
        try
        {
            await runner.RunAsync(call, port, record, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The pipeline recovers from engine failures itself; anything that still escapes must not leave the caller in silence.
            _logger.LogError(e, "Call {CallId}: the conversation failed; hanging up", call.CallId);
            await call.HangupAsync().ConfigureAwait(false);
        }
    }

    // Echo runs inside the session, on the media clock: echoed through the thread pool, a frame waited for a pool
    // thread, and on a loaded machine those came in bursts hundreds of ms apart, so the echo either fell behind by
    // every stall for the rest of the call or, bounded, lost most of its frames.
    private RtpMediaSessionOptions Options() => new() { InactivityTimeout = TimeSpan.FromSeconds(settings.InactivityTimeoutSeconds), Echo = settings.Echo };

    private StereoWavRecorder? OpenRecorder(SipCall call, CallSession? record)
    {
        if (record?.StartRecording() is { } inRecord)
        {
            _logger.LogInformation("Call {CallId}: recording to {Path}", call.CallId, inRecord);
            return new StereoWavRecorder(inRecord);
        }

        if (string.IsNullOrWhiteSpace(settings.RecordingsFolder)) return null;
        Directory.CreateDirectory(settings.RecordingsFolder);

        // A Call-ID may hold any token character and '@' (RFC 3261 §25.1); keep file names portable.
        var id = string.Concat(call.CallId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        var path = Path.Combine(settings.RecordingsFolder, $"{engine.Clock.Time.GetUtcNow():yyyyMMdd-HHmmss}-{id}.wav");
        _logger.LogInformation("Call {CallId}: recording to {Path}", call.CallId, path);
        return new StereoWavRecorder(path);
    }

    private static async Task DrainAsync(RtpMediaSession session, CancellationToken cancellationToken)
    {
        try
        {
            // Nobody listens to the caller; the frames are read so that the session does not count them as dropped.
            await foreach (var _ in session.Frames.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WatchAsync(SipCall call, RtpMediaSession session, CallSession? record, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in session.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                switch (e)
                {
                    case DtmfReceived dtmf:
                        _logger.LogInformation("Call {CallId}: DTMF {Digit} ({Duration} ms)", call.CallId, dtmf.Digit.Digit, dtmf.Digit.Duration.TotalMilliseconds);
                        record?.AddDtmf(dtmf.Digit);
                        break;
                    case MediaInactive inactive:
                        _logger.LogWarning("Call {CallId}: no RTP for {Seconds} s; hanging up", call.CallId, inactive.Silence.TotalSeconds);
                        await call.HangupAsync(CallEndCause.MediaTimeout).ConfigureAwait(false);
                        return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
