using System.Net;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>Handles one received datagram; both arguments are reused as soon as the call returns.</summary>
internal delegate void DatagramHandler(ReadOnlySpan<byte> datagram, SocketAddress source);
