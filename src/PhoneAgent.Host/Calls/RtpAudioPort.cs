using System.Threading.Channels;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Media.Rtp;
using PhoneAgent.Sip.Media.Session;
using PhoneAgent.Sip.Sdp;

namespace PhoneAgent.Host.Calls;

/// <summary>
/// The pipeline's <see cref="IAudioPort"/> over a call's <see cref="RtpMediaSession"/>: caller frames straight from the
/// jitter buffer's playout, bot audio into the paced sender, and the sender's playback reports and the session's
/// RFC 4733 key presses merged into one ordered event stream.
/// </summary>
/// <remarks>
/// The port reads <see cref="RtpMediaSession.Events"/> itself (a channel has one reader), so it surfaces the
/// session's <see cref="MediaInactive"/> report as <see cref="Inactive"/> for the call handler to hang up on.
/// Keys signalled by SIP INFO arrive on the call, not the media; the handler passes them in with <see cref="RaiseDtmf"/>.
/// The session belongs to the caller: disposing the port stops its pumps only.
/// </remarks>
public sealed class RtpAudioPort : IAudioPort, IAsyncDisposable
{
    private readonly RtpMediaSession _session;
    private readonly ILogger _logger;
    private readonly Channel<AudioPortEvent> _events = Channel.CreateBounded<AudioPortEvent>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly TaskCompletionSource<MediaInactive> _inactive = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pumps;
    private readonly Action<DtmfDigit>? _keyPressed;
    private int _bandwidth;
    private int _disposed;

    /// <summary>Starts relaying <paramref name="session"/>'s reports; <paramref name="media"/> is the negotiated media it runs.</summary>
    /// <param name="session">The call's media session.</param>
    /// <param name="media">The negotiated media.</param>
    /// <param name="logger">Where media problems are logged.</param>
    /// <param name="keyPressed">Told of every key press, RTP or SIP INFO, with its duration (for the call record).</param>
    public RtpAudioPort(RtpMediaSession session, CallMedia media, ILogger logger, Action<DtmfDigit>? keyPressed = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(logger);
        _session = session;
        _logger = logger;
        _keyPressed = keyPressed;
        UpdateMedia(media);
        _pumps = Task.WhenAll(
            Task.Run(() => PumpPlaybackAsync(_stop.Token)),
            Task.Run(() => PumpSessionEventsAsync(_stop.Token)));
    }

    /// <inheritdoc />
    public InputBandwidth InputBandwidth => (InputBandwidth)Volatile.Read(ref _bandwidth);

    /// <inheritdoc />
    public ChannelReader<short[]> Input => _session.Frames;

    /// <inheritdoc />
    /// <remarks>The session decodes each voice packet as it arrives with a decoder of its own and calls the listener on its receive thread.</remarks>
    public void SetArrivalListener(CallerAudioArrived? listener) =>
        _session.SetArrivalHandler(listener is null ? null : pcm => listener(pcm));

    /// <inheritdoc />
    public ChannelReader<AudioPortEvent> Events => _events.Reader;

    /// <inheritdoc />
    public long PlaybackPosition => _session.Sender.PlaybackPosition;

    /// <summary>Completes when the session reports that the caller's RTP has stopped (the call should end with <see cref="CallEndCause.MediaTimeout"/>).</summary>
    public Task<MediaInactive> Inactive => _inactive.Task;

    /// <summary>Whether caller audio is telephone band or wideband for <paramref name="media"/>: only Opus carries real wideband.</summary>
    public static InputBandwidth BandwidthOf(CallMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return ReferenceEquals(media.Audio.Codec.Codec, SdpCodec.Opus) ? InputBandwidth.Wideband : InputBandwidth.Narrowband;
    }

    /// <summary>Follows a re-INVITE that changed the codec (call it next to <see cref="RtpMediaSession.UpdateMedia"/>).</summary>
    public void UpdateMedia(CallMedia media) => Volatile.Write(ref _bandwidth, (int)BandwidthOf(media));

    /// <summary>Reports a key the caller pressed that was signalled outside the media (SIP INFO).</summary>
    public void RaiseDtmf(char digit, TimeSpan duration) => OnKey(new DtmfDigit(digit, duration));

    /// <inheritdoc />
    public long Play(ReadOnlySpan<short> pcm) => _session.Sender.Enqueue(pcm);

    /// <inheritdoc />
    public void CompleteUtterance() => _session.Sender.CompleteUtterance();

    /// <inheritdoc />
    public void CutAt(long position) => _session.Sender.CutAt(position);

    /// <summary>Stops relaying; the session stays open.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pumps.ConfigureAwait(false);
        _events.Writer.TryComplete();
        _stop.Dispose();
    }

    private async Task PumpPlaybackAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var p in _session.Sender.PlaybackEvents.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                _events.Writer.TryWrite(new PlaybackCompleted(p.UtteranceId, p.PlayedSamples, p.Interrupted));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PumpSessionEventsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in _session.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                switch (e)
                {
                    case DtmfReceived dtmf:
                        OnKey(dtmf.Digit);
                        break;
                    case MediaInactive inactive:
                        _logger.LogWarning("No caller RTP for {Seconds} s", inactive.Silence.TotalSeconds);
                        _inactive.TrySetResult(inactive);
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void OnKey(DtmfDigit digit)
    {
        _events.Writer.TryWrite(new DtmfPressed(digit.Digit, digit.Duration));
        _keyPressed?.Invoke(digit);
    }
}
