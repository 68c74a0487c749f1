using System.Net;
using PhoneAgent.Sip.Dialogs;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Calls;

/// <summary>How we name ourselves to peers: the advertised address, our Contact and the Via of our requests.</summary>
internal sealed class LocalIdentity(SipUserAgentOptions options, Func<int> port)
{
    /// <summary>A Via for a request we send, with a fresh branch.</summary>
    public SipViaHeader NewVia(SipTransportKind transport, IPEndPoint local)
    {
        var via = new SipViaHeader(transport.ToViaToken(), SipUri.FormatHost(AdvertisedAddress(local)), port(), SipIds.NewBranch());
        // RFC 3581: ask for responses at our source port, which is what crosses NATs.
        via.Parameters.Set("rport", null);
        return via;
    }

    /// <summary>Our Contact for dialogs created on <paramref name="transport"/> (RFC 3261 §8.1.1.8).</summary>
    public SipUri ContactUri(SipTransportKind transport, IPEndPoint local)
    {
        var uri = new SipUri("sip", SipUri.FormatHost(AdvertisedAddress(local)), port(), options.ContactUser);
        if (transport == SipTransportKind.Tcp) uri.Parameters.Set("transport", "tcp");
        return uri;
    }

    /// <summary>The address peers should use to reach us: configured, else the one the request reached.</summary>
    public IPAddress AdvertisedAddress(IPEndPoint local)
    {
        if (options.PublicAddress is { } configured) return configured;
        var address = local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address;
        if (!address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)) return address;
        return options.ListenAddress.Equals(IPAddress.Any) ? IPAddress.Loopback : options.ListenAddress;
    }
}
