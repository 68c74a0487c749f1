using System.Net;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Transport;

/// <summary>Where transports hand what they framed. Called on socket loops, so it must only queue work.</summary>
internal interface ISipTransportSink
{
    /// <summary>
    /// A message was framed (it may carry a validation error). Completes at once for datagrams; for a stream
    /// it may wait for room in the queue, which stops the connection being read (backpressure).
    /// </summary>
    ValueTask OnParsed(SipParseResult result, SipTransportKind transport, IPEndPoint remote, IPEndPoint local, TcpSipConnection? connection);

    /// <summary>Input that could not be framed at all was dropped.</summary>
    void OnUnframeable(SipTransportKind transport, IPEndPoint remote, SipParseError error);
}
