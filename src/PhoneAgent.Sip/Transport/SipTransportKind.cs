namespace PhoneAgent.Sip.Transport;

/// <summary>The transports we listen on. TCP is reliable, so the RFC 3261 §17 retransmission timers are off on it.</summary>
public enum SipTransportKind
{
    /// <summary>UDP, one message per datagram (RFC 3261 §18.3).</summary>
    Udp,
    /// <summary>TCP, messages framed by Content-Length (RFC 3261 §18.3).</summary>
    Tcp,
}

/// <summary>Helpers for <see cref="SipTransportKind"/>.</summary>
public static class SipTransportKindExtensions
{
    /// <summary>True for stream transports, where RFC 3261 §17 disables request retransmission.</summary>
    public static bool IsReliable(this SipTransportKind kind) => kind != SipTransportKind.Udp;

    /// <summary>The Via transport token (RFC 3261 §20.42).</summary>
    public static string ToViaToken(this SipTransportKind kind) => kind == SipTransportKind.Udp ? "UDP" : "TCP";

    /// <summary>Parses a Via transport token or a transport URI parameter.</summary>
    public static bool TryParse(string? token, out SipTransportKind kind)
    {
        kind = SipTransportKind.Udp;
        if (string.Equals(token, "udp", StringComparison.OrdinalIgnoreCase)) return true;
        kind = SipTransportKind.Tcp;
        return string.Equals(token, "tcp", StringComparison.OrdinalIgnoreCase);
    }
}
