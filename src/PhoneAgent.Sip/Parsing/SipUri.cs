using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;

namespace PhoneAgent.Sip.Parsing;

/// <summary>
/// A SIP or SIPS URI (RFC 3261 §19.1), or any other absolute URI kept opaque (RFC 3261 §19.1 allows
/// tel:, http: and unknown schemes in Request-URI and addresses; RFC 4475 §3.1.1.11 unkscm).
/// The user part is kept escaped as received, so re-serialising is lossless.
/// </summary>
public sealed class SipUri
{
    /// <summary>Lower-case scheme, e.g. "sip".</summary>
    public string Scheme { get; }

    /// <summary>True for sip: and sips: URIs, whose structure is parsed.</summary>
    public bool IsSip => Scheme is "sip" or "sips";

    /// <summary>User part (escaped as received), or null.</summary>
    public string? User { get; init; }

    /// <summary>Password part, or null (RFC 3261 §19.1.1 discourages it but it is legal).</summary>
    public string? Password { get; init; }

    /// <summary>Host: a name, an IPv4 address, or an IPv6 reference with its brackets. Empty for opaque URIs.</summary>
    public string Host { get; init; } = string.Empty;

    /// <summary>Explicit port, or null when absent.</summary>
    public int? Port { get; init; }

    /// <summary>URI parameters (transport, lr, maddr, user, ...).</summary>
    public SipParameters Parameters { get; init; } = new();

    /// <summary>The "?headers" part without the '?', or null.</summary>
    public string? Headers { get; init; }

    /// <summary>Everything after "scheme:" for non-SIP URIs.</summary>
    public string? Opaque { get; init; }

    /// <summary>Creates a sip: URI.</summary>
    public SipUri(string scheme, string host, int? port = null, string? user = null)
    {
        Scheme = scheme.ToLowerInvariant();
        Host = host;
        Port = port;
        User = user;
    }

    private SipUri(string scheme) => Scheme = scheme;

    /// <summary>Creates sip:user@address:port for an endpoint, bracketing IPv6.</summary>
    public static SipUri FromEndPoint(IPEndPoint endPoint, string? user = null) =>
        new("sip", FormatHost(endPoint.Address), endPoint.Port, user);

    /// <summary>Formats an address as a URI host (IPv6 in brackets, RFC 3261 §19.1.1 IPv6reference).</summary>
    public static string FormatHost(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    /// <summary>Host without IPv6 brackets.</summary>
    public string HostWithoutBrackets => Host.Length > 1 && Host[0] == '[' ? Host[1..^1] : Host;

    /// <summary>Value of the transport parameter, or null.</summary>
    public string? Transport => Parameters.Get("transport");

    /// <summary>True when the URI carries ";lr" (a loose router, RFC 3261 §16.12).</summary>
    public bool IsLooseRouter => Parameters.Contains("lr");

    /// <summary>Parses a URI; throws <see cref="SipParseException"/> with <paramref name="error"/> on failure.</summary>
    public static SipUri Parse(string text, SipParseError error = SipParseError.InvalidRequestUri) =>
        TryParse(text, out var uri) ? uri : throw new SipParseException(error, text);

    /// <summary>Parses "scheme:..." text. Returns false on any syntax error.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        var colon = text.IndexOf(':');
        if (colon <= 0 || !IsScheme(text.AsSpan(0, colon))) return false;
        var scheme = text[..colon].ToLowerInvariant();
        var rest = text[(colon + 1)..];
        // Every URI character is printable ASCII (RFC 3261 §25.1 uric); whitespace and '<' '>' '"' never
        // occur unescaped, which is what rejects ltgtruri, lwsruri and badaspec (RFC 4475 §3.1.2.7/8/14).
        foreach (var c in rest)
        {
            if (c <= ' ' || c >= '\x7f' || c is '<' or '>' or '"') return false;
        }
        if (scheme is not ("sip" or "sips"))
        {
            if (rest.Length == 0 || !SipGrammar.IsEscapedText(rest, static _ => true)) return false;
            uri = new SipUri(scheme) { Opaque = rest };
            return true;
        }
        return TryParseSip(scheme, rest, out uri);
    }

    private static bool TryParseSip(string scheme, string rest, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        string? user = null, password = null;
        // RFC 3261 §25.1: '@' is not allowed unescaped anywhere but as the userinfo delimiter, so the user part
        // may hold ';', '?' and ',' unescaped (semiuri's "user;par=u%40example.net", RFC 4475 §3.1.1.9).
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var pw = userInfo.IndexOf(':');
            user = pw < 0 ? userInfo : userInfo[..pw];
            password = pw < 0 ? null : userInfo[(pw + 1)..];
            if (user.Length == 0 || !SipGrammar.IsEscapedText(user, SipGrammar.IsUserChar)) return false;
            if (password is not null && !SipGrammar.IsEscapedText(password, SipGrammar.IsPasswordChar)) return false;
        }
        string? headers = null;
        var q = rest.IndexOf('?');
        if (q >= 0)
        {
            headers = rest[(q + 1)..];
            rest = rest[..q];
            if (!IsHeaders(headers)) return false;
        }
        var semi = rest.IndexOf(';');
        var hostPort = semi < 0 ? rest : rest[..semi];
        var parameters = new SipParameters();
        if (semi >= 0 && !SipParameters.TryParseUriParameters(rest[(semi + 1)..], out parameters)) return false;
        if (!TrySplitHostPort(hostPort, out var host, out var port)) return false;
        uri = new SipUri(scheme)
        {
            User = user, Password = password, Host = host, Port = port, Parameters = parameters, Headers = headers,
        };
        return true;
    }

    // headers = "?" header *( "&" header ); header = hname "=" hvalue; hname = 1*(...), hvalue = *(...).
    private static bool IsHeaders(string text)
    {
        foreach (var header in text.Split('&'))
        {
            var eq = header.IndexOf('=');
            if (eq <= 0) return false;
            if (!SipGrammar.IsEscapedText(header.AsSpan(0, eq), SipGrammar.IsHeaderChar)) return false;
            if (!SipGrammar.IsEscapedText(header.AsSpan(eq + 1), SipGrammar.IsHeaderChar)) return false;
        }
        return true;
    }

    /// <summary>Splits "host[:port]" with IPv6 references in brackets and validates both parts.</summary>
    public static bool TrySplitHostPort(string hostPort, out string host, out int? port)
    {
        host = string.Empty;
        port = null;
        string portText;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']');
            if (close < 0) return false;
            host = hostPort[..(close + 1)];
            if (!IPAddress.TryParse(host[1..^1], out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return false;
            portText = hostPort[(close + 1)..];
            if (portText.Length > 0 && portText[0] != ':') return false;
            portText = portText.Length > 0 ? portText[1..] : string.Empty;
        }
        else
        {
            var colon = hostPort.IndexOf(':');
            host = colon < 0 ? hostPort : hostPort[..colon];
            portText = colon < 0 ? string.Empty : hostPort[(colon + 1)..];
            if (!IsHostName(host)) return false;
        }
        if (portText.Length > 0 || hostPort.EndsWith(':'))
        {
            if (!SipGrammar.TryParseDigits(portText, 65535, out var p)) return false;
            port = (int)p;
        }
        return true;
    }

    private static bool IsScheme(ReadOnlySpan<char> s)
    {
        if (!char.IsAsciiLetter(s[0])) return false;
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.')) return false;
        }
        return true;
    }

    // hostname = *( domainlabel "." ) toplabel [ "." ]; domainlabel = alphanum / alphanum *( alphanum / "-" ) alphanum;
    // toplabel starts with ALPHA. A name whose last label starts with a digit must be an IPv4address instead.
    private static bool IsHostName(string host)
    {
        var name = host.EndsWith('.') ? host.AsSpan(0, host.Length - 1) : host.AsSpan();
        if (name.IsEmpty || name[^1] == '.') return false;
        var lastDot = name.LastIndexOf('.');
        if (char.IsAsciiDigit(name[lastDot + 1])) return name.Length == host.Length && IsIPv4(name);
        foreach (var range in name.Split('.'))
        {
            var label = name[range];
            if (label.IsEmpty || !char.IsAsciiLetterOrDigit(label[0]) || !char.IsAsciiLetterOrDigit(label[^1])) return false;
            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
            }
        }
        return true;
    }

    // IPv4address = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT, each octet at most 255.
    private static bool IsIPv4(ReadOnlySpan<char> s)
    {
        var count = 0;
        foreach (var range in s.Split('.'))
        {
            var octet = s[range];
            if (++count > 4 || octet.Length is 0 or > 3 || !SipGrammar.TryParseDigits(octet, 255, out _)) return false;
        }
        return count == 4;
    }

    /// <summary>A copy with a different port/parameters, for building Contact and Route values.</summary>
    public SipUri With(string? host = null, int? port = null, SipParameters? parameters = null) => new(Scheme)
    {
        User = User, Password = Password, Host = host ?? Host, Port = port ?? Port,
        Parameters = parameters ?? Parameters.Clone(), Headers = Headers, Opaque = Opaque,
    };

    /// <inheritdoc />
    public override string ToString()
    {
        if (!IsSip) return $"{Scheme}:{Opaque}";
        var sb = new StringBuilder(Scheme).Append(':');
        if (User is not null)
        {
            sb.Append(User);
            if (Password is not null) sb.Append(':').Append(Password);
            sb.Append('@');
        }
        sb.Append(Host);
        if (Port is { } p) sb.Append(':').Append(p);
        Parameters.AppendTo(sb);
        if (Headers is not null) sb.Append('?').Append(Headers);
        return sb.ToString();
    }
}
