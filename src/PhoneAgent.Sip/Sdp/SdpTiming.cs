namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// A <c>t=</c> line (RFC 4566 §5.9): start and stop times as NTP seconds, where zero means unbounded.
/// </summary>
/// <param name="Start">The start time, or 0 for "already started".</param>
/// <param name="Stop">The stop time, or 0 for "unbounded".</param>
public sealed record SdpTiming(ulong Start, ulong Stop)
{
    /// <summary><c>t=0 0</c>: a permanent session, which is what every SIP user agent writes.</summary>
    public static SdpTiming Permanent { get; } = new(0, 0);

    /// <summary>Formats the value as it appears after <c>t=</c>.</summary>
    public override string ToString() => FormattableString.Invariant($"{Start} {Stop}");
}
