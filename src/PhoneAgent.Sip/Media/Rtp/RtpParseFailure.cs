namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// A rejected RTP datagram: the reason, and how many bytes the header promised against how many there were, so a
/// log line says "CsrcPastEnd: needs 28 bytes, has 20" rather than just "malformed".
/// </summary>
/// <param name="Reason">What was wrong.</param>
/// <param name="Expected">The size in bytes the packet needed for the part that failed, or 0 when size is not the problem.</param>
/// <param name="Actual">The size in bytes that was there.</param>
public readonly record struct RtpParseFailure(RtpParseError Reason, int Expected, int Actual)
{
    /// <summary>Formats the failure for a log line. Allocates; call it only when actually logging.</summary>
    public override string ToString() => Expected > 0
        ? $"{Reason}: needs {Expected} bytes, has {Actual}"
        : $"{Reason} ({Actual} bytes)";
}
