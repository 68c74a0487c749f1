namespace PhoneAgent.Sip.Media.Session;

/// <summary>How a <see cref="PacedSender"/> frames and stamps its RTP stream.</summary>
public sealed record PacedSenderOptions
{
    /// <summary>The negotiated payload type of the voice codec.</summary>
    public required byte PayloadType { get; init; }

    /// <summary>The packetisation time in milliseconds (SDP <c>ptime</c>).</summary>
    public int PtimeMilliseconds { get; init; } = 20;

    /// <summary>Our synchronization source; random by default, as RFC 3550 §8.1 requires.</summary>
    public uint Ssrc { get; init; } = (uint)Random.Shared.NextInt64(0, 1L << 32);

    /// <summary>The first sequence number; random by default (RFC 3550 §5.1), which makes known-plaintext attacks harder.</summary>
    public ushort InitialSequenceNumber { get; init; } = (ushort)Random.Shared.Next(0, 1 << 16);

    /// <summary>The RTP timestamp of tick 0; random by default (RFC 3550 §5.1).</summary>
    public uint InitialTimestamp { get; init; } = (uint)Random.Shared.NextInt64(0, 1L << 32);

    /// <summary>
    /// The most bot audio the queue holds. Text-to-speech runs faster than real time, so this bounds how far ahead
    /// of the caller it may get; <see cref="PacedSender.Enqueue"/> accepts less when the queue is full.
    /// </summary>
    public TimeSpan MaxQueued { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The linear fade applied by a cut, long enough to avoid a click and short enough to be inaudible as a tail.</summary>
    public TimeSpan FadeDuration { get; init; } = TimeSpan.FromMilliseconds(4);

    /// <summary>How many <see cref="PlaybackFinished"/> events wait for a reader before the oldest are dropped.</summary>
    public int PlaybackEventCapacity { get; init; } = 64;
}
