using System.Net;

namespace PhoneAgent.Sip.Transport;

/// <summary>
/// Where to send a message: a transport and an address, optionally pinned to an existing TCP connection
/// (a response goes back on the connection its request came on, RFC 3261 §18.2.2; in-dialog requests reuse
/// the caller's flow because a caller behind NAT cannot accept a new connection).
/// </summary>
public sealed record SipDestination(SipTransportKind Transport, IPEndPoint EndPoint, TcpSipConnection? Connection = null)
{
    /// <inheritdoc />
    public override string ToString() => $"{Transport.ToViaToken()}:{EndPoint}";
}
