using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;

namespace PhoneAgent.Sip.Parsing;

/// <summary>One Via value (RFC 3261 §20.42): sent-protocol, sent-by and via-params.</summary>
public sealed class SipViaHeader
{
    /// <summary>The RFC 3261 §8.1.1.7 magic cookie every compliant branch starts with.</summary>
    public const string MagicCookie = "z9hG4bK";

    /// <summary>Transport token in upper case (UDP, TCP, TLS, SCTP, WS, ...).</summary>
    public string Transport { get; init; }

    /// <summary>sent-by host (IPv6 with brackets).</summary>
    public string Host { get; init; }

    /// <summary>sent-by port, or null.</summary>
    public int? Port { get; init; }

    /// <summary>via-params in order.</summary>
    public SipParameters Parameters { get; init; } = new();

    /// <summary>Creates a Via value.</summary>
    public SipViaHeader(string transport, string host, int? port, string branch)
    {
        Transport = transport.ToUpperInvariant();
        Host = host;
        Port = port;
        Parameters.Set("branch", branch);
    }

    private SipViaHeader(string transport, string host, int? port)
    {
        Transport = transport;
        Host = host;
        Port = port;
    }

    /// <summary>The branch parameter, or null.</summary>
    public string? Branch => Parameters.Get("branch");

    /// <summary>The received parameter (RFC 3261 §18.2.1), or null.</summary>
    public string? Received => Parameters.Get("received");

    /// <summary>True when the rport parameter is present, valued or not (RFC 3581 §4).</summary>
    public bool HasRport => Parameters.Contains("rport");

    /// <summary>The rport value if one was filled in (RFC 3581 §4), else null.</summary>
    public int? RportValue => int.TryParse(Parameters.Get("rport"), out var p) ? p : null;

    /// <summary>True when the branch carries the RFC 3261 magic cookie (so §17.2.3 matching applies).</summary>
    public bool HasRfc3261Branch => Branch is { } b && b.StartsWith(MagicCookie, StringComparison.Ordinal);

    /// <summary>
    /// Parses a single Via value (one element of a comma-separated Via header). via-parm = sent-protocol LWS sent-by
    /// *( SEMI via-params ), where SLASH, COLON and SEMI allow whitespace around them (wsinv's "SIP  /   2.0 /UDP",
    /// RFC 4475 §3.1.1.1) but the host itself may not contain any.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SipViaHeader? via)
    {
        via = null;
        var semi = text.IndexOf(';');
        var head = (semi < 0 ? text : text[..semi]).AsSpan();
        // sent-protocol = protocol-name SLASH protocol-version SLASH transport; SLASH = SWS "/" SWS
        Span<Range> slashes = stackalloc Range[4];
        if (head.Split(slashes, '/') != 3) return false;
        if (!head[slashes[0]].Trim(" \t").Equals("SIP", StringComparison.OrdinalIgnoreCase)) return false;
        if (!head[slashes[1]].Trim(" \t").SequenceEqual("2.0")) return false;
        var tail = head[slashes[2]].Trim(" \t");
        var ws = tail.IndexOfAny(' ', '\t');
        if (ws <= 0) return false;
        var transport = tail[..ws];
        if (!SipGrammar.IsToken(transport)) return false;
        if (!TryParseSentBy(tail[ws..].Trim(" \t"), out var host, out var port)) return false;
        var parameters = new SipParameters();
        if (semi >= 0 && !SipParameters.TryParse(text[(semi + 1)..], out parameters)) return false;
        if (!HasValidKnownParameters(parameters)) return false;
        via = new SipViaHeader(transport.ToString().ToUpperInvariant(), host, port) { Parameters = parameters };
        return true;
    }

    // sent-by = host [ COLON port ], COLON = SWS ":" SWS; the colon after an IPv6 reference follows its ']'.
    private static bool TryParseSentBy(ReadOnlySpan<char> sentBy, out string host, out int? port)
    {
        host = string.Empty;
        port = null;
        var close = sentBy.StartsWith('[') ? sentBy.IndexOf(']') : 0;
        if (close < 0) return false;
        var colon = sentBy[close..].IndexOf(':');
        var hostPart = colon < 0 ? sentBy : sentBy[..(close + colon)].TrimEnd(" \t");
        if (hostPart.IndexOfAny(' ', '\t') >= 0) return false;
        var hostPort = colon < 0 ? hostPart.ToString() : $"{hostPart}:{sentBy[(close + colon + 1)..].TrimStart(" \t")}";
        return SipUri.TrySplitHostPort(hostPort, out host, out port) && host.Length > 0;
    }

    // via-ttl = 0-255, via-received = IPv4address / IPv6address, via-branch = token (RFC 3261 §20.42),
    // response-port = [ 1*DIGIT ] (RFC 3581 §3: rport is a flag in requests and a port in responses).
    private static bool HasValidKnownParameters(SipParameters parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var ok = name.ToLowerInvariant() switch
            {
                "branch" => value is not null && SipGrammar.IsToken(value),
                "ttl" => value is not null && SipGrammar.TryParseDigits(value, 255, out _),
                "received" => value is not null && IPAddress.TryParse(value.Trim('[', ']'), out _),
                "rport" => value is null || SipGrammar.TryParseDigits(value, 65535, out _),
                _ => true,
            };
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>A copy whose parameters can be changed (used to add received/rport on receipt).</summary>
    public SipViaHeader Clone() => new(Transport, Host, Port) { Parameters = Parameters.Clone() };

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder("SIP/2.0/").Append(Transport).Append(' ').Append(Host);
        if (Port is { } p) sb.Append(':').Append(p);
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}
