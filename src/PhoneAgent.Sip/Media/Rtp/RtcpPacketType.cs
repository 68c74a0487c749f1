namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>The RTCP packet types of RFC 3550 §12.1.</summary>
public enum RtcpPacketType : byte
{
    /// <summary>SR: statistics from an active sender plus reception reports (§6.4.1).</summary>
    SenderReport = 200,

    /// <summary>RR: reception reports from a participant that is not sending (§6.4.2).</summary>
    ReceiverReport = 201,

    /// <summary>SDES: source description items such as CNAME (§6.5).</summary>
    SourceDescription = 202,

    /// <summary>BYE: the sources are leaving the session (§6.6).</summary>
    Goodbye = 203,

    /// <summary>APP: application-defined; skipped by this stack (§6.7).</summary>
    ApplicationDefined = 204,
}
