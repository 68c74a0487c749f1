namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// Settings for an <see cref="AdaptiveJitterBuffer"/>. The defaults suit 20 ms G.711 at 8 kHz; use
/// <see cref="ForPtime"/> for the negotiated codec.
/// </summary>
public sealed record JitterBufferOptions
{
    /// <summary>The audio each packet carries, and the interval at which the caller pops frames. Default 20 ms.</summary>
    public TimeSpan FrameDuration { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The RTP clock rate of the stream in Hz. Default 8000.</summary>
    public int ClockRate { get; init; } = 8000;

    /// <summary>The least playout delay the buffer adapts down to. Default 20 ms.</summary>
    public TimeSpan MinimumDepth { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The most playout delay the buffer adapts up to; packets that would need more are late. Default 200 ms, beyond
    /// which conversation suffers more from the delay than from the odd concealed frame (ITU-T G.114).
    /// </summary>
    public TimeSpan MaximumDepth { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The delay used until a full <see cref="JitterWindow"/> of arrivals has been measured. Default 60 ms.</summary>
    public TimeSpan InitialDepth { get; init; } = TimeSpan.FromMilliseconds(60);

    /// <summary>
    /// How far back arrival delays are remembered when choosing the target depth. A burst of jitter keeps the depth
    /// up for this long after it, so the buffer grows at once but shrinks only once the network has been calm.
    /// Default 2 s.
    /// </summary>
    public TimeSpan JitterWindow { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often, at most, the buffer drops one frame to shrink towards a lower target in mid-talkspurt; it shrinks
    /// only when it held more than the target for the whole interval. Default 1 s.
    /// </summary>
    public TimeSpan ShrinkInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the buffer asks for concealment when it runs dry before it reports
    /// <see cref="JitterBufferStatus.NotReady"/> instead: past this the sender has most likely gone silent (DTX, hold).
    /// Default 100 ms.
    /// </summary>
    public TimeSpan MaxConcealment { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The largest payload accepted, and the smallest buffer <see cref="AdaptiveJitterBuffer.Pop"/> takes. Default 1500 bytes.</summary>
    public int MaxPayloadSize { get; init; } = 1500;

    /// <summary>The number of RTP clock ticks in one frame.</summary>
    public int SamplesPerFrame => (int)(FrameDuration.Ticks * ClockRate / TimeSpan.TicksPerSecond);

    /// <summary>
    /// Options for a call's frames of <paramref name="ptimeMilliseconds"/> (the SDP <c>ptime</c>) at
    /// <paramref name="clockRate"/> Hz. A call starts at two packets' depth (40 ms at the usual 20 ms), not the 60 ms
    /// default: the buffer grows at once when packets come late, and every millisecond of depth is added to barge-in,
    /// since the bot hears the caller talk over it only through this buffer.
    /// </summary>
    public static JitterBufferOptions ForPtime(int ptimeMilliseconds, int clockRate) => new()
    {
        FrameDuration = TimeSpan.FromMilliseconds(ptimeMilliseconds),
        ClockRate = clockRate,
        InitialDepth = TimeSpan.FromMilliseconds(Math.Max(40, 2 * ptimeMilliseconds)),
    };

    /// <summary>Throws when the settings cannot describe a stream of whole frames or the depths are out of order.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ClockRate, 0, nameof(ClockRate));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FrameDuration, TimeSpan.Zero, nameof(FrameDuration));
        if (SamplesPerFrame < 1 || FrameDuration.Ticks * ClockRate % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FrameDuration), $"{FrameDuration.TotalMilliseconds} ms is not a whole number of ticks at {ClockRate} Hz.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MinimumDepth, TimeSpan.Zero, nameof(MinimumDepth));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaximumDepth, MinimumDepth, nameof(MaximumDepth));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialDepth, MinimumDepth, nameof(InitialDepth));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InitialDepth, MaximumDepth, nameof(InitialDepth));
        ArgumentOutOfRangeException.ThrowIfLessThan(JitterWindow, FrameDuration, nameof(JitterWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShrinkInterval, FrameDuration, nameof(ShrinkInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcealment, TimeSpan.Zero, nameof(MaxConcealment));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxPayloadSize, 0, nameof(MaxPayloadSize));
    }
}
