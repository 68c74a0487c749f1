using System.Text;

namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Parses the values of the structural SDP fields. Each method reports failure through an
/// <see cref="SdpParseError"/> without a line number; <see cref="SdpParser"/> adds it.
/// </summary>
internal static class SdpFieldParser
{
    /// <summary>
    /// <c>o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; &lt;nettype&gt; &lt;addrtype&gt; &lt;address&gt;</c> (RFC 4566 §5.2).
    /// The five trailing fields are read from the end, so a username containing spaces (seen from some PBXes,
    /// although the grammar forbids it) still parses.
    /// </summary>
    public static bool TryParseOrigin(ReadOnlySpan<byte> value, out SdpOrigin? origin, out SdpParseError error)
    {
        origin = null;
        var rest = value;
        var address = SdpTokens.Last(ref rest);
        var addressType = SdpTokens.Last(ref rest);
        var networkType = SdpTokens.Last(ref rest);
        var version = SdpTokens.Last(ref rest);
        var sessionId = SdpTokens.Last(ref rest);
        var username = rest;
        if (username.IsEmpty || sessionId.IsEmpty || networkType.IsEmpty || addressType.IsEmpty || address.IsEmpty)
        {
            error = Fail(SdpParseErrorReason.InvalidOrigin, "o= needs six fields: username sess-id sess-version nettype addrtype address");
            return false;
        }

        if (!SdpTokens.TryParseUInt64(version, out var sessionVersion))
        {
            error = Fail(SdpParseErrorReason.InvalidOrigin, $"o= session version {SdpTokens.Quote(version)} is not a number");
            return false;
        }

        origin = new SdpOrigin(
            SdpTokens.Decode(username),
            SdpTokens.Decode(sessionId),
            sessionVersion,
            SdpTokens.Decode(networkType),
            SdpTokens.Decode(addressType),
            SdpTokens.Decode(address));
        error = default;
        return true;
    }

    /// <summary>
    /// <c>c=&lt;nettype&gt; &lt;addrtype&gt; &lt;address&gt;[/&lt;ttl&gt;][/&lt;count&gt;]</c> (RFC 4566 §5.7). IPv4 multicast
    /// carries a TTL before the count; IPv6 has only the count.
    /// </summary>
    public static bool TryParseConnection(ReadOnlySpan<byte> value, out SdpConnection? connection, out SdpParseError error)
    {
        connection = null;
        var rest = value;
        var networkType = SdpTokens.Next(ref rest);
        var addressType = SdpTokens.Next(ref rest);
        var address = SdpTokens.Next(ref rest);
        if (address.IsEmpty || !rest.IsEmpty)
        {
            error = Fail(SdpParseErrorReason.InvalidConnection, "c= needs exactly three fields: nettype addrtype address");
            return false;
        }

        int? ttl = null;
        int? count = null;
        var slash = address.IndexOf((byte)'/');
        if (slash >= 0)
        {
            var suffix = address[(slash + 1)..];
            address = address[..slash];
            if (!TryParseMulticastSuffix(suffix, Ascii.EqualsIgnoreCase(addressType, "IP4"u8), out ttl, out count))
            {
                error = Fail(SdpParseErrorReason.InvalidConnection, $"c= address suffix {SdpTokens.Quote(suffix)} is not /ttl[/count] (IP4) or /count (IP6)");
                return false;
            }
        }

        if (address.IsEmpty)
        {
            error = Fail(SdpParseErrorReason.InvalidConnection, "c= address is empty");
            return false;
        }

        connection = new SdpConnection(
            SdpTokens.Decode(networkType),
            SdpTokens.Decode(addressType),
            SdpTokens.Decode(address),
            ttl,
            count);
        error = default;
        return true;
    }

    /// <summary><c>b=&lt;bwtype&gt;:&lt;bandwidth&gt;</c> (RFC 4566 §5.8).</summary>
    public static bool TryParseBandwidth(ReadOnlySpan<byte> value, out SdpBandwidth? bandwidth, out SdpParseError error)
    {
        bandwidth = null;
        var colon = value.IndexOf((byte)':');
        if (colon <= 0 || !SdpTokens.TryParseUInt64(value[(colon + 1)..].Trim(" \t"u8), out var amount))
        {
            error = Fail(SdpParseErrorReason.InvalidBandwidth, $"b= value {SdpTokens.Quote(value)} is not <type>:<number>");
            return false;
        }

        bandwidth = new SdpBandwidth(SdpTokens.Decode(value[..colon].Trim(" \t"u8)), amount);
        error = default;
        return true;
    }

    /// <summary><c>t=&lt;start-time&gt; &lt;stop-time&gt;</c> (RFC 4566 §5.9).</summary>
    public static bool TryParseTiming(ReadOnlySpan<byte> value, out SdpTiming? timing, out SdpParseError error)
    {
        timing = null;
        var rest = value;
        var start = SdpTokens.Next(ref rest);
        var stop = SdpTokens.Next(ref rest);
        if (!rest.IsEmpty || !SdpTokens.TryParseUInt64(start, out var startTime)
            || !SdpTokens.TryParseUInt64(stop, out var stopTime))
        {
            error = Fail(SdpParseErrorReason.InvalidTiming, $"t= value {SdpTokens.Quote(value)} is not two numbers");
            return false;
        }

        timing = new SdpTiming(startTime, stopTime);
        error = default;
        return true;
    }

    /// <summary>
    /// <c>m=&lt;media&gt; &lt;port&gt;[/&lt;count&gt;] &lt;proto&gt; &lt;fmt&gt; ...</c> (RFC 4566 §5.14). An empty format list
    /// is accepted: the grammar requires one, but some stacks omit it on rejected streams and nothing depends on it.
    /// </summary>
    public static bool TryParseMedia(ReadOnlySpan<byte> value, out SdpMediaBuilder? media, out SdpParseError error)
    {
        media = null;
        var rest = value;
        var type = SdpTokens.Next(ref rest);
        var port = SdpTokens.Next(ref rest);
        var protocol = SdpTokens.Next(ref rest);
        if (protocol.IsEmpty)
        {
            error = Fail(SdpParseErrorReason.InvalidMedia, "m= needs at least media, port and protocol");
            return false;
        }

        int? portCount = null;
        var slash = port.IndexOf((byte)'/');
        if (slash >= 0)
        {
            if (!SdpTokens.TryParseInt32(port[(slash + 1)..], 65535, out var count) || count == 0)
            {
                error = Fail(SdpParseErrorReason.InvalidMedia, $"m= port count {SdpTokens.Quote(port[(slash + 1)..])} is not a positive number");
                return false;
            }

            portCount = count;
            port = port[..slash];
        }

        if (!SdpTokens.TryParseInt32(port, 65535, out var portNumber))
        {
            error = Fail(SdpParseErrorReason.InvalidPort, $"m= port {SdpTokens.Quote(port)} is not a number from 0 to 65535");
            return false;
        }

        var formats = new List<string>();
        while (!rest.IsEmpty)
        {
            formats.Add(SdpTokens.Decode(SdpTokens.Next(ref rest)));
        }

        media = new SdpMediaBuilder(SdpTokens.Decode(type), portNumber, portCount, SdpTokens.Decode(protocol), formats);
        error = default;
        return true;
    }

    /// <summary><c>a=&lt;attribute&gt;</c> or <c>a=&lt;attribute&gt;:&lt;value&gt;</c> (RFC 4566 §5.13).</summary>
    public static bool TryParseAttribute(ReadOnlySpan<byte> value, out SdpAttribute? attribute, out SdpParseError error)
    {
        attribute = null;
        var colon = value.IndexOf((byte)':');
        var name = colon < 0 ? value : value[..colon];
        if (name.IsEmpty)
        {
            error = Fail(SdpParseErrorReason.InvalidAttribute, "a= has no attribute name");
            return false;
        }

        attribute = new SdpAttribute(
            SdpTokens.Decode(name),
            colon < 0 ? null : SdpTokens.Decode(value[(colon + 1)..]));
        error = default;
        return true;
    }

    private static bool TryParseMulticastSuffix(ReadOnlySpan<byte> suffix, bool isIp4, out int? ttl, out int? count)
    {
        ttl = null;
        count = null;
        var slash = suffix.IndexOf((byte)'/');
        var first = slash < 0 ? suffix : suffix[..slash];
        if (!isIp4)
        {
            // RFC 4566 §5.7: IPv6 multicast has no TTL, so a single suffix is the address count.
            if (slash >= 0 || !SdpTokens.TryParseInt32(first, 65535, out var addresses))
            {
                return false;
            }

            count = addresses;
            return true;
        }

        if (!SdpTokens.TryParseInt32(first, 255, out var hops))
        {
            return false;
        }

        ttl = hops;
        if (slash < 0)
        {
            return true;
        }

        if (!SdpTokens.TryParseInt32(suffix[(slash + 1)..], 65535, out var range))
        {
            return false;
        }

        count = range;
        return true;
    }

    private static SdpParseError Fail(SdpParseErrorReason reason, string message) => new(reason, 0, message);
}
