namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>A rejected RTCP datagram or packet: the reason, and the size needed against the size present.</summary>
/// <param name="Reason">What was wrong.</param>
/// <param name="Expected">The size in bytes the failing part needed, or 0 when size is not the problem.</param>
/// <param name="Actual">The size in bytes that was there.</param>
public readonly record struct RtcpParseFailure(RtcpParseError Reason, int Expected, int Actual)
{
    /// <summary>Formats the failure for a log line. Allocates; call it only when actually logging.</summary>
    public override string ToString() => Expected > 0
        ? $"{Reason}: needs {Expected} bytes, has {Actual}"
        : $"{Reason} ({Actual} bytes)";
}
