using System.Security.Cryptography;
using System.Text;

namespace PhoneAgent.Sip.Auth;

/// <summary>
/// A Digest hash algorithm (RFC 7616 §3.2: MD5, SHA-256 and their "-sess" variants; SHA-512-256 is not offered
/// by SIP peers we meet and is refused like any other unknown token).
/// </summary>
public sealed record DigestAlgorithm
{
    /// <summary>MD5, the RFC 2617 and RFC 3261 default.</summary>
    public static readonly DigestAlgorithm Md5 = new("MD5", false, MD5.HashData);

    /// <summary>MD5-sess.</summary>
    public static readonly DigestAlgorithm Md5Sess = new("MD5-sess", true, MD5.HashData);

    /// <summary>SHA-256 (RFC 7616, RFC 8760 for SIP).</summary>
    public static readonly DigestAlgorithm Sha256 = new("SHA-256", false, SHA256.HashData);

    /// <summary>SHA-256-sess.</summary>
    public static readonly DigestAlgorithm Sha256Sess = new("SHA-256-sess", true, SHA256.HashData);

    private readonly Func<byte[], byte[]> _hash;

    private DigestAlgorithm(string name, bool isSession, Func<byte[], byte[]> hash)
    {
        Name = name;
        IsSession = isSession;
        _hash = hash;
    }

    /// <summary>The token as written in the algorithm directive.</summary>
    public string Name { get; }

    /// <summary>True for "-sess": HA1 also covers the nonce and cnonce (RFC 7616 §3.4.2).</summary>
    public bool IsSession { get; }

    /// <summary>The algorithm for a directive value; an absent directive means MD5 (RFC 7616 §3.3).</summary>
    public static bool TryParse(string? token, out DigestAlgorithm algorithm)
    {
        algorithm = Md5;
        if (token is null) return true;
        foreach (var known in (ReadOnlySpan<DigestAlgorithm>)[Md5, Md5Sess, Sha256, Sha256Sess])
        {
            if (!known.Name.Equals(token, StringComparison.OrdinalIgnoreCase)) continue;
            algorithm = known;
            return true;
        }
        return false;
    }

    /// <summary>H(data): the hash as lowercase hex (RFC 7616 §3.4.1).</summary>
    public string H(string data) => Convert.ToHexStringLower(_hash(Encoding.UTF8.GetBytes(data)));

    /// <summary>
    /// The request-digest (RFC 7616 §3.4.1, RFC 2617 §3.2.2.1): with a qop, KD(HA1, nonce:nc:cnonce:qop:HA2);
    /// without one (RFC 2069 compatibility), KD(HA1, nonce:HA2).
    /// </summary>
    public string Response(string user, string realm, string password, string method, string uri, string nonce, string? qop, string? nc, string? cnonce)
    {
        var ha1 = H($"{user}:{realm}:{password}");
        if (IsSession) ha1 = H($"{ha1}:{nonce}:{cnonce}");
        var ha2 = H($"{method}:{uri}");
        return qop is null ? H($"{ha1}:{nonce}:{ha2}") : H($"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
