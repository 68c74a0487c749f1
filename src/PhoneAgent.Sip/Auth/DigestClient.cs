using System.Globalization;
using System.Security.Cryptography;

namespace PhoneAgent.Sip.Auth;

/// <summary>
/// Answers Digest challenges (RFC 3261 §22.2-§22.3, RFC 7616 §3.4) with one set of credentials. It counts the
/// uses of each nonce (nc, RFC 7616 §3.4) so that a nonce can be reused preemptively, as registrations do on
/// refresh. Thread-safe.
/// </summary>
public sealed class DigestClient(DigestCredentials credentials, Func<string>? clientNonce = null)
{
    // A server rotates nonces; a bounded map keeps a long-lived registration from growing without end.
    private const int MaxTrackedNonces = 16;

    private readonly Dictionary<string, int> _nonceCounts = new(StringComparer.Ordinal);
    private readonly Func<string> _clientNonce = clientNonce ?? NewClientNonce;

    /// <summary>The credentials in use.</summary>
    public DigestCredentials Credentials { get; } = credentials;

    /// <summary>
    /// The Authorization (or Proxy-Authorization) value for <paramref name="method"/> to <paramref name="digestUri"/>,
    /// with the next nonce count for the challenge's nonce.
    /// </summary>
    public DigestResponse Answer(DigestChallenge challenge, string method, string digestUri)
    {
        string? nc = null;
        string? cnonce = null;
        string? qop = null;
        if (challenge.QopAuth || challenge.Algorithm.IsSession)
        {
            cnonce = _clientNonce();
        }
        if (challenge.QopAuth)
        {
            qop = "auth";
            nc = NextCount(challenge.Nonce).ToString("x8", CultureInfo.InvariantCulture);
        }
        var response = challenge.Algorithm.Response(Credentials.User, challenge.Realm, Credentials.Password, method, digestUri, challenge.Nonce, qop, nc, cnonce);
        return new DigestResponse
        {
            User = Credentials.User,
            Realm = challenge.Realm,
            Nonce = challenge.Nonce,
            Uri = digestUri,
            Response = response,
            Algorithm = challenge.Algorithm,
            Qop = qop,
            NonceCount = nc,
            ClientNonce = cnonce,
            Opaque = challenge.Opaque,
        };
    }

    private int NextCount(string nonce)
    {
        lock (_nonceCounts)
        {
            if (!_nonceCounts.ContainsKey(nonce) && _nonceCounts.Count >= MaxTrackedNonces) _nonceCounts.Clear();
            var n = _nonceCounts.GetValueOrDefault(nonce) + 1;
            _nonceCounts[nonce] = n;
            return n;
        }
    }

    /// <summary>RFC 7616 §3.4: the cnonce should hold at least 64 bits of entropy.</summary>
    private static string NewClientNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
