using System.Net;

namespace PhoneAgent.Host;

/// <summary>One entry of "Sip:Trunks": a network whose SIP requests are trusted without authentication.</summary>
public sealed class TrunkSettings
{
    /// <summary>An address (one host) or a CIDR network, e.g. 10.0.0.0/8 or 2001:db8::/32.</summary>
    public string? Address { get; set; }

    /// <summary>Validates and converts; <paramref name="key"/> is this entry's path (e.g. Sip:Trunks:0).</summary>
    public IPNetwork ToNetwork(string key)
    {
        var text = Address?.Trim();
        if (string.IsNullOrEmpty(text)) throw new ConfigurationException($"{key}:{nameof(Address)}", "is required (an address or CIDR network, e.g. 10.0.0.0/8)");
        if (!text.Contains('/') && IPAddress.TryParse(text, out var host)) return new IPNetwork(host, host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        // Bits set past the prefix (10.0.0.1/8) are almost always a typo for a host or another prefix, so they are refused
        // rather than silently masked as IPNetwork.TryParse does.
        if (!IPNetwork.TryParse(text, out var network) || !network.BaseAddress.Equals(IPAddress.Parse(text[..text.IndexOf('/')])))
        {
            throw new ConfigurationException($"{key}:{nameof(Address)}", $"'{Address}' is not an address or CIDR network with no host bits set (e.g. 10.0.0.0/8)");
        }
        return network;
    }
}
