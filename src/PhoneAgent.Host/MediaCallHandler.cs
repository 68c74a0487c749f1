using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Media.Session;

namespace PhoneAgent.Host;

/// <summary>
/// Runs each answered call's RTP media: starts an <see cref="RtpMediaSession"/> when the call is answered, follows
/// hold, resume and re-INVITEs, records the call if a folder is configured, and hangs up with
/// <see cref="CallEndCause.MediaTimeout"/> when the caller's RTP stops. Until the speech pipeline is wired in, it
/// echoes the caller's audio back, which proves both directions end to end.
/// </summary>
public sealed class MediaCallHandler(MediaSettings settings, TimeProvider time, ILoggerFactory loggerFactory) : ISipCallHandler
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<MediaCallHandler>();

    /// <inheritdoc />
    public async Task HandleCallAsync(SipCall call, CancellationToken cancellationToken)
    {
        RtpMediaSession? session = null;
        StereoWavRecorder? recorder = null;
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
                        recorder = OpenRecorder(call);
                        session = new RtpMediaSession(call.RtpPorts, answered.Media, time, Options(), loggerFactory.CreateLogger<RtpMediaSession>()) { Recorder = recorder };
                        session.Start();
                        workers.Add(PumpAudioAsync(session, stop.Token));
                        workers.Add(WatchAsync(call, session, stop.Token));
                        break;
                    case CallHeld held:
                        session?.UpdateMedia(held.Media);
                        break;
                    case CallResumed resumed:
                        session?.UpdateMedia(resumed.Media);
                        break;
                    case CallMediaChanged changed:
                        session?.UpdateMedia(changed.Media);
                        break;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(workers).ConfigureAwait(false);
            if (session is not null)
            {
                _logger.LogInformation("Call {CallId} media: {Statistics}", call.CallId, session.Statistics);
                await session.DisposeAsync().ConfigureAwait(false);
            }

            recorder?.Dispose();
        }
    }

    private RtpMediaSessionOptions Options() => new() { InactivityTimeout = TimeSpan.FromSeconds(settings.InactivityTimeoutSeconds) };

    private StereoWavRecorder? OpenRecorder(SipCall call)
    {
        if (string.IsNullOrWhiteSpace(settings.RecordingsFolder)) return null;
        Directory.CreateDirectory(settings.RecordingsFolder);

        // A Call-ID may hold any token character and '@' (RFC 3261 §25.1); keep file names portable.
        var id = string.Concat(call.CallId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        var path = Path.Combine(settings.RecordingsFolder, $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{id}.wav");
        _logger.LogInformation("Call {CallId}: recording to {Path}", call.CallId, path);
        return new StereoWavRecorder(path);
    }

    private async Task PumpAudioAsync(RtpMediaSession session, CancellationToken cancellationToken)
    {
        try
        {
            // Frames are read even without echo, so that the session does not count them as dropped.
            await foreach (var frame in session.Frames.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (settings.Echo) session.Sender.Enqueue(frame);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WatchAsync(SipCall call, RtpMediaSession session, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in session.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                switch (e)
                {
                    case DtmfReceived dtmf:
                        _logger.LogInformation("Call {CallId}: DTMF {Digit} ({Duration} ms)", call.CallId, dtmf.Digit.Digit, dtmf.Digit.Duration.TotalMilliseconds);
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
