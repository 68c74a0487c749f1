using System.Net;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// Symmetric RTP (RFC 4961) with latching, the "comedia" behaviour: the address in the SDP is only a first guess,
/// because a caller behind NAT advertises a private address. The first acceptable packet fixes the peer's real
/// address; we send there and ignore every other source until the SDP changes, so a third party cannot inject audio.
/// </summary>
/// <remarks>Thread-safe: the receive loop latches while the ticker reads the destination.</remarks>
internal sealed class SymmetricRtpLatch
{
    private readonly Lock _gate = new();
    private IPEndPoint _signalled;
    private IPEndPoint? _latched;

    public SymmetricRtpLatch(IPEndPoint signalled)
    {
        _signalled = Normalize(signalled);
    }

    /// <summary>Where to send: the latched address, or the SDP address until a packet has arrived.</summary>
    public IPEndPoint Destination
    {
        get { lock (_gate) return _latched ?? _signalled; }
    }

    /// <summary>The address packets come from, once latched.</summary>
    public IPEndPoint? Latched
    {
        get { lock (_gate) return _latched; }
    }

    /// <summary>Whether a packet from <paramref name="source"/> is the peer's; the first one latches.</summary>
    public bool Accept(IPEndPoint source)
    {
        source = Normalize(source);
        lock (_gate)
        {
            if (_latched is null)
            {
                _latched = source;
                return true;
            }

            return _latched.Equals(source);
        }
    }

    /// <summary>Forgets the latched address after a re-INVITE: the peer may have moved (RFC 3264 §8.3.1).</summary>
    public void Reset(IPEndPoint signalled)
    {
        lock (_gate)
        {
            _signalled = Normalize(signalled);
            _latched = null;
        }
    }

    /// <summary>Compares IPv4 peers the same whether a dual-mode socket reports them mapped into IPv6 or not.</summary>
    public static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;
}
