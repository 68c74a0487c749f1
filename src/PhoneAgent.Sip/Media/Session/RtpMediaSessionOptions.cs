using PhoneAgent.Sip.Media.Codecs;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>Settings of an <see cref="RtpMediaSession"/>.</summary>
public sealed record RtpMediaSessionOptions
{
    /// <summary>How long the caller may send no RTP, outside hold, before <see cref="MediaInactive"/> is raised.</summary>
    public TimeSpan InactivityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The mean RTCP report interval; RFC 3550 §6.2 recommends 5 s as the minimum. Each interval is randomised.</summary>
    public TimeSpan RtcpInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Our RTCP CNAME (RFC 3550 §6.5.1); a random one by default, since RFC 7022 advises against leaking identities.</summary>
    public string Cname { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>Decoded 16 kHz frames that may wait for the consumer before the oldest are dropped (and counted).</summary>
    public int FrameQueueCapacity { get; init; } = 50;

    /// <summary>Events that may wait for a reader before the oldest are dropped.</summary>
    public int EventQueueCapacity { get; init; } = 256;

    /// <summary>
    /// How many overdue media ticks still send after the clock woke late (<see cref="MediaSchedule.MaxCatchUpTicks"/>);
    /// older ones send nothing, but every overdue tick still plays a frame of the caller's audio out.
    /// </summary>
    public int MaxCatchUpTicks { get; init; } = 3;

    /// <summary>
    /// Plays the caller's audio straight back to them: each tick's frame goes to <see cref="RtpMediaSession.Sender"/>
    /// on the media clock and leaves at the next tick, which tests the media path without a pipeline. A stale tick's
    /// frame is not echoed, since the sender skips that tick and would otherwise fall behind by it for good.
    /// <see cref="RtpMediaSession.Frames"/> then stays empty.
    /// </summary>
    public bool Echo { get; init; }

    /// <summary>Settings for Opus, when negotiated.</summary>
    public OpusCodecOptions? Opus { get; init; }

    /// <summary>The most bot audio the send queue holds (<see cref="PacedSenderOptions.MaxQueued"/>).</summary>
    public TimeSpan MaxQueued { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The fade-out of a barge-in cut (<see cref="PacedSenderOptions.FadeDuration"/>).</summary>
    public TimeSpan FadeDuration { get; init; } = TimeSpan.FromMilliseconds(4);
}
