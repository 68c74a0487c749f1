using System.Threading.Channels;
using PhoneAgent.Sip.Media.Session;

namespace PhoneAgent.Host.Calls;

/// <summary>
/// Plays the caller's audio back to them (<see cref="MediaSettings.Echo"/>) on the wall clock: a frame that would wait
/// behind more than <see cref="MaxBacklogFrames"/> others is dropped, and counted, rather than sent late.
/// </summary>
/// <remarks>
/// The session hands over one frame per media tick and the sender sends one per tick, so whatever backlog builds up
/// never drains. A consumer that wakes late (a busy thread pool), or ticks whose packets the clock skipped, would
/// otherwise delay every later frame of the call by the length of each stall, adding up over the call: the loopback
/// echo test saw the echo come 0.6-1.1 s after the caller spoke on a loaded machine, against about 0.1 s on a quiet
/// one. Like the clock's stale ticks (<see cref="RtpMediaSessionOptions.MaxCatchUpTicks"/>), old audio is shed.
/// </remarks>
public sealed class CallerEcho
{
    private readonly PacedSender _sender;
    private long _framesDropped;

    /// <summary>Echoes into <paramref name="sender"/>, keeping at most <paramref name="maxBacklogFrames"/> frames waiting.</summary>
    public CallerEcho(PacedSender sender, int maxBacklogFrames)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBacklogFrames);
        _sender = sender;
        MaxBacklogFrames = maxBacklogFrames;
    }

    /// <summary>The most frames that may wait to be sent, queued in the sender or still to be read.</summary>
    public int MaxBacklogFrames { get; }

    /// <summary>Frames dropped because too many were waiting.</summary>
    public long FramesDropped => Interlocked.Read(ref _framesDropped);

    /// <summary>
    /// Queues <paramref name="frame"/> to be sent unless <paramref name="waitingBehind"/> newer frames, together with
    /// those the sender still holds, already fill the backlog: then this frame, the oldest waiting, is dropped.
    /// </summary>
    public void Play(short[] frame, int waitingBehind)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var queued = frame.Length == 0 ? 0 : _sender.QueuedSamples / frame.Length;
        if (waitingBehind + queued >= MaxBacklogFrames)
        {
            Interlocked.Increment(ref _framesDropped);
            return;
        }

        _sender.Enqueue(frame);
    }

    /// <summary>Echoes every frame of <paramref name="frames"/> until it completes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(ChannelReader<short[]> frames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        await foreach (var frame in frames.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            Play(frame, frames.Count);
        }
    }
}
