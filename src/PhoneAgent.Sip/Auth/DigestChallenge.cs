using System.Diagnostics.CodeAnalysis;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Auth;

/// <summary>
/// A parsed WWW-Authenticate or Proxy-Authenticate Digest challenge (RFC 3261 §22.2-§22.3, RFC 7616 §3.3).
/// </summary>
public sealed record DigestChallenge
{
    /// <summary>The protection space: which credentials to use.</summary>
    public required string Realm { get; init; }

    /// <summary>The server's nonce.</summary>
    public required string Nonce { get; init; }

    /// <summary>Returned unchanged in the credentials when present.</summary>
    public string? Opaque { get; init; }

    /// <summary>The hash algorithm.</summary>
    public DigestAlgorithm Algorithm { get; init; } = DigestAlgorithm.Md5;

    /// <summary>
    /// True when the server offered qop=auth; false for an RFC 2069-style challenge without qop. A challenge that
    /// offers only auth-int is refused at parse time: we never sign bodies.
    /// </summary>
    public bool QopAuth { get; init; }

    /// <summary>stale=true: the credentials were right but the nonce expired; retry with the new one (RFC 7616 §3.3).</summary>
    public bool Stale { get; init; }

    /// <summary>True for a Proxy-Authenticate (407) challenge, answered with Proxy-Authorization.</summary>
    public bool IsProxy { get; init; }

    /// <summary>Parses one challenge; false (with a reason) for another scheme, bad syntax or an unsupported algorithm/qop.</summary>
    public static bool TryParse(string headerValue, bool isProxy, [NotNullWhen(true)] out DigestChallenge? challenge, out string? problem)
    {
        challenge = null;
        if (!DigestParameters.TryParse(headerValue, out var p))
        {
            problem = "not a well-formed Digest challenge";
            return false;
        }
        if (!p.TryGetValue("realm", out var realm) || !p.TryGetValue("nonce", out var nonce))
        {
            problem = "realm or nonce missing";
            return false;
        }
        if (!DigestAlgorithm.TryParse(p.GetValueOrDefault("algorithm"), out var algorithm))
        {
            problem = $"unsupported algorithm '{p["algorithm"]}'";
            return false;
        }
        var qopAuth = false;
        if (p.TryGetValue("qop", out var qop))
        {
            qopAuth = qop.Split(',').Any(q => q.Trim().Equals("auth", StringComparison.OrdinalIgnoreCase));
            if (!qopAuth)
            {
                problem = $"unsupported qop '{qop}'";
                return false;
            }
        }
        challenge = new DigestChallenge
        {
            Realm = realm,
            Nonce = nonce,
            Opaque = p.GetValueOrDefault("opaque"),
            Algorithm = algorithm,
            QopAuth = qopAuth,
            Stale = p.TryGetValue("stale", out var stale) && stale.Equals("true", StringComparison.OrdinalIgnoreCase),
            IsProxy = isProxy,
        };
        problem = null;
        return true;
    }

    /// <summary>The header value as a server sends it.</summary>
    public override string ToString()
    {
        var value = $"Digest realm={SipGrammar.Quote(Realm)}, nonce={SipGrammar.Quote(Nonce)}, algorithm={Algorithm.Name}";
        if (QopAuth) value += ", qop=\"auth\"";
        if (Opaque is not null) value += $", opaque={SipGrammar.Quote(Opaque)}";
        if (Stale) value += ", stale=true";
        return value;
    }
}
