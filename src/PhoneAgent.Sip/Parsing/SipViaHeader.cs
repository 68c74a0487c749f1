using System.Diagnostics.CodeAnalysis;
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

    /// <summary>Parses a single Via value (one element of a comma-separated Via header).</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SipViaHeader? via)
    {
        via = null;
        var semi = IndexOfUnquoted(text, ';');
        var head = semi < 0 ? text : text[..semi];
        // sent-protocol = protocol-name SLASH protocol-version SLASH transport; SLASH = SWS "/" SWS
        var slashes = head.Split('/');
        if (slashes.Length != 3) return false;
        if (!slashes[0].Trim(' ', '\t').Equals("SIP", StringComparison.OrdinalIgnoreCase)) return false;
        if (slashes[1].Trim(' ', '\t') != "2.0") return false;
        var tail = slashes[2].TrimStart(' ', '\t');
        var ws = tail.IndexOfAny([' ', '\t']);
        if (ws <= 0) return false;
        var transport = tail[..ws];
        if (!SipGrammar.IsToken(transport)) return false;
        // sent-by = host [ COLON port ]; COLON = SWS ":" SWS
        var sentBy = RemoveWhitespace(tail[ws..]);
        if (!SipUri.TrySplitHostPort(sentBy, out var host, out var port) || host.Length == 0) return false;
        var parameters = new SipParameters();
        if (semi >= 0 && !SipParameters.TryParse(text[(semi + 1)..], out parameters)) return false;
        via = new SipViaHeader(transport.ToUpperInvariant(), host, port) { Parameters = parameters };
        return true;
    }

    private static int IndexOfUnquoted(string s, char c)
    {
        var inQuotes = false;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '"') inQuotes = !inQuotes;
            else if (s[i] == c && !inQuotes) return i;
        }
        return -1;
    }

    private static string RemoveWhitespace(string s) => string.Concat(s.Where(c => !SipGrammar.IsWhitespace(c)));

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
