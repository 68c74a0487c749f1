using System.Net;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Transport;

/// <summary>A validated message with where it came from and on which local address it arrived.</summary>
public sealed record SipInboundMessage(
    SipMessage Message,
    SipTransportKind Transport,
    IPEndPoint Remote,
    IPEndPoint Local,
    TcpSipConnection? Connection)
{
    /// <summary>The flow this message arrived on, as a destination to answer or reuse.</summary>
    public SipDestination Source => new(Transport, Remote, Connection);
}
