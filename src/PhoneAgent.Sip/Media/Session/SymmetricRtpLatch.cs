using System.Net;
using System.Net.Sockets;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// Symmetric RTP (RFC 4961) with latching, the "comedia" behaviour: the address in the SDP is only a first guess,
/// because a caller behind NAT advertises a private address. The first acceptable packet fixes the peer's real
/// address; we send there and ignore every other source until the SDP changes, so a third party cannot inject audio.
/// </summary>
/// <remarks>
/// <para>
/// Addresses are compared and sent to as <see cref="SocketAddress"/>es in the socket's own family, so the per-packet
/// path allocates nothing; an <see cref="IPEndPoint"/> is made only when the latch moves.
/// </para>
/// <para>Thread-safe: the receive thread latches while the clock thread reads the destination.</para>
/// </remarks>
internal sealed class SymmetricRtpLatch
{
    private readonly Lock _gate = new();
    private readonly AddressFamily _family;
    private IPEndPoint _signalled;
    private SocketAddress _signalledAddress;
    private IPEndPoint? _latched;
    private SocketAddress? _latchedAddress;

    /// <summary>Starts unlatched, sending to <paramref name="signalled"/> from a socket of <paramref name="family"/>.</summary>
    public SymmetricRtpLatch(IPEndPoint signalled, AddressFamily family)
    {
        _family = family;
        _signalled = Normalize(signalled);
        _signalledAddress = Serialize(_signalled);
    }

    /// <summary>Where to send: the latched address, or the SDP address until a packet has arrived.</summary>
    public IPEndPoint Destination
    {
        get { lock (_gate) return _latched ?? _signalled; }
    }

    /// <summary><see cref="Destination"/> as the socket's address, ready for a send that allocates nothing.</summary>
    public SocketAddress DestinationAddress
    {
        get { lock (_gate) return _latchedAddress ?? _signalledAddress; }
    }

    /// <summary>The address packets come from, once latched.</summary>
    public IPEndPoint? Latched
    {
        get { lock (_gate) return _latched; }
    }

    /// <summary>Whether a packet from <paramref name="source"/>, as the socket reported it, is the peer's; the first one latches.</summary>
    public bool Accept(SocketAddress source)
    {
        lock (_gate)
        {
            if (_latchedAddress is null)
            {
                _latchedAddress = new SocketAddress(source.Family, source.Size);
                source.Buffer.Span[..source.Size].CopyTo(_latchedAddress.Buffer.Span);
                _latched = ToEndPoint(source);
                return true;
            }

            return _latchedAddress.Equals(source);
        }
    }

    /// <summary>Forgets the latched address after a re-INVITE: the peer may have moved (RFC 3264 §8.3.1).</summary>
    public void Reset(IPEndPoint signalled)
    {
        lock (_gate)
        {
            _signalled = Normalize(signalled);
            _signalledAddress = Serialize(_signalled);
            _latched = null;
            _latchedAddress = null;
        }
    }

    /// <summary>The endpoint a socket address names, IPv4 peers of a dual-mode socket unmapped.</summary>
    public static IPEndPoint ToEndPoint(SocketAddress address) =>
        Normalize((IPEndPoint)new IPEndPoint(address.Family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0).Create(address));

    /// <summary>Compares IPv4 peers the same whether a dual-mode socket reports them mapped into IPv6 or not.</summary>
    public static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    // A dual-mode IPv6 socket reaches an IPv4 peer through its mapped address.
    private SocketAddress Serialize(IPEndPoint endPoint) =>
        _family == AddressFamily.InterNetworkV6 && endPoint.AddressFamily == AddressFamily.InterNetwork
            ? new IPEndPoint(endPoint.Address.MapToIPv6(), endPoint.Port).Serialize()
            : endPoint.Serialize();
}
