using System.Diagnostics.CodeAnalysis;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Auth;

/// <summary>The Digest credentials in an Authorization or Proxy-Authorization header (RFC 7616 §3.4, RFC 3261 §22.4).</summary>
public sealed record DigestResponse
{
    /// <summary>The username directive.</summary>
    public required string User { get; init; }

    /// <summary>The realm the credentials are for.</summary>
    public required string Realm { get; init; }

    /// <summary>The nonce being answered.</summary>
    public required string Nonce { get; init; }

    /// <summary>The digest-uri (the Request-URI as the client sent it).</summary>
    public required string Uri { get; init; }

    /// <summary>The request-digest in hex.</summary>
    public required string Response { get; init; }

    /// <summary>The algorithm.</summary>
    public DigestAlgorithm Algorithm { get; init; } = DigestAlgorithm.Md5;

    /// <summary>"auth", or null without qop.</summary>
    public string? Qop { get; init; }

    /// <summary>The nonce count, 8 hex digits.</summary>
    public string? NonceCount { get; init; }

    /// <summary>The client nonce.</summary>
    public string? ClientNonce { get; init; }

    /// <summary>The opaque value echoed back.</summary>
    public string? Opaque { get; init; }

    /// <summary>Parses credentials; false with a reason when malformed or missing a directive.</summary>
    public static bool TryParse(string headerValue, [NotNullWhen(true)] out DigestResponse? credentials, out string? problem)
    {
        credentials = null;
        if (!DigestParameters.TryParse(headerValue, out var p))
        {
            problem = "not well-formed Digest credentials";
            return false;
        }
        foreach (var required in (ReadOnlySpan<string>)["username", "realm", "nonce", "uri", "response"])
        {
            if (p.ContainsKey(required)) continue;
            problem = $"{required} missing";
            return false;
        }
        if (!DigestAlgorithm.TryParse(p.GetValueOrDefault("algorithm"), out var algorithm))
        {
            problem = $"unsupported algorithm '{p["algorithm"]}'";
            return false;
        }
        var qop = p.GetValueOrDefault("qop");
        // RFC 7616 §3.4: with qop, cnonce and nc are required.
        if (qop is not null && (!p.ContainsKey("cnonce") || !p.ContainsKey("nc")))
        {
            problem = "qop without cnonce or nc";
            return false;
        }
        credentials = new DigestResponse
        {
            User = p["username"],
            Realm = p["realm"],
            Nonce = p["nonce"],
            Uri = p["uri"],
            Response = p["response"],
            Algorithm = algorithm,
            Qop = qop,
            NonceCount = p.GetValueOrDefault("nc"),
            ClientNonce = p.GetValueOrDefault("cnonce"),
            Opaque = p.GetValueOrDefault("opaque"),
        };
        problem = null;
        return true;
    }

    /// <summary>The header value (RFC 7616 §3.4: qop, nc and algorithm unquoted, the rest quoted).</summary>
    public override string ToString()
    {
        var value = $"Digest username={Q(User)}, realm={Q(Realm)}, nonce={Q(Nonce)}, uri={Q(Uri)}, response=\"{Response}\", algorithm={Algorithm.Name}";
        if (Qop is not null) value += $", qop={Qop}, nc={NonceCount}";
        if (ClientNonce is not null) value += $", cnonce={Q(ClientNonce)}";
        if (Opaque is not null) value += $", opaque={Q(Opaque)}";
        return value;
    }

    private static string Q(string value) => SipGrammar.Quote(value);
}
