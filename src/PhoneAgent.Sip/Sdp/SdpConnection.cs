using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// A <c>c=</c> line (RFC 4566 §5.7). The address is kept as text because the grammar also allows a host name;
/// <see cref="TryGetIPAddress"/> gives the literal address that RTP can actually be sent to.
/// </summary>
/// <param name="NetworkType">Always <c>IN</c> on the Internet.</param>
/// <param name="AddressType"><c>IP4</c> or <c>IP6</c>.</param>
/// <param name="Address">The address without any <c>/ttl</c> or <c>/count</c> suffix.</param>
/// <param name="Ttl">The multicast TTL suffix of an IP4 address, if present.</param>
/// <param name="AddressCount">The number of consecutive multicast addresses, if present.</param>
public sealed record SdpConnection(
    string NetworkType,
    string AddressType,
    string Address,
    int? Ttl = null,
    int? AddressCount = null)
{
    /// <summary>Describes a unicast address as <c>IN IP4 …</c> or <c>IN IP6 …</c>.</summary>
    /// <param name="address">An IPv4 or IPv6 address.</param>
    public static SdpConnection FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new SdpConnection("IN", AddressTypeOf(address), address.ToString());
    }

    /// <summary>
    /// Gets the address as an <see cref="IPAddress"/> when the network type is <c>IN</c> and the address is a
    /// literal of the family that <see cref="AddressType"/> declares.
    /// </summary>
    /// <param name="address">The parsed address.</param>
    /// <returns><see langword="false"/> for host names, unknown address types, or a family mismatch.</returns>
    public bool TryGetIPAddress([NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (!string.Equals(NetworkType, "IN", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (string.Equals(AddressType, "IP4", StringComparison.OrdinalIgnoreCase))
        {
            // IPAddress.TryParse accepts shorthand such as "10.1" (as 10.0.0.1); SDP only allows dotted quads.
            if (IsDottedQuad(Address) && IPAddress.TryParse(Address, out var v4)
                && v4.AddressFamily == AddressFamily.InterNetwork)
            {
                address = v4;
            }
        }
        else if (string.Equals(AddressType, "IP6", StringComparison.OrdinalIgnoreCase))
        {
            if (Address.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(Address, out var v6)
                && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                address = v6;
            }
        }

        return address is not null;
    }

    /// <summary>Formats the value as it appears after <c>c=</c>.</summary>
    public override string ToString()
    {
        var text = $"{NetworkType} {AddressType} {Address}";
        if (Ttl is { } ttl)
        {
            text += FormattableString.Invariant($"/{ttl}");
        }

        if (AddressCount is { } count)
        {
            text += FormattableString.Invariant($"/{count}");
        }

        return text;
    }

    internal static string AddressTypeOf(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => "IP4",
        AddressFamily.InterNetworkV6 => "IP6",
        _ => throw new ArgumentException($"SDP can only describe IPv4 and IPv6 addresses, not {address.AddressFamily}.", nameof(address)),
    };

    private static bool IsDottedQuad(string text)
    {
        var dots = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                dots++;
            }
            else if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return dots == 3;
    }
}
