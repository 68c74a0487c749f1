using System.Net;
using System.Net.Sockets;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Transport;

/// <summary>
/// Turns a SIP URI into a destination (RFC 3263 §4 in its simplest form: transport from ;transport=, else
/// the caller's default; port from the URI, else 5060; host by IP literal or A/AAAA lookup). NAPTR/SRV are
/// not looked up: .NET has no resolver for them and the deployments we target address peers directly.
/// </summary>
public static class SipTargetResolver
{
    /// <summary>Default SIP port for UDP and TCP (RFC 3261 §19.1.2).</summary>
    public const int DefaultPort = 5060;

    /// <summary>Resolves <paramref name="uri"/>; throws <see cref="SocketException"/> when the host does not resolve.</summary>
    public static async Task<SipDestination> ResolveAsync(SipUri uri, SipTransportKind defaultTransport, CancellationToken cancellationToken = default)
    {
        var transport = SipTransportKindExtensions.TryParse(uri.Transport, out var t) ? t : defaultTransport;
        var maddr = uri.Parameters.Get("maddr");
        var host = maddr ?? uri.HostWithoutBrackets;
        if (!IPAddress.TryParse(host, out var address))
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
                ?? throw new SocketException((int)SocketError.HostNotFound);
        }
        return new SipDestination(transport, new IPEndPoint(address, uri.Port ?? DefaultPort));
    }
}
