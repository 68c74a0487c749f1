using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Auth;

/// <summary>
/// The UAS side of Digest (RFC 3261 §22.1, §22.4; RFC 7616 §3.3 and §5.4). Nonces are stateless: a timestamp
/// followed by an HMAC of it under a per-process secret, so any nonce we issued can be checked and aged without
/// storing it, and an expired one whose response is otherwise right earns a stale=true challenge instead of a
/// password prompt.
/// </summary>
public sealed class DigestServer
{
    private const int TimestampBytes = 8;
    private const int MacBytes = 16;

    private readonly byte[] _secret;
    private readonly TimeProvider _time;
    private readonly Func<string, string?> _passwordOf;

    /// <summary>Creates a server for <paramref name="realm"/>; <paramref name="passwordOf"/> returns null for unknown users.</summary>
    public DigestServer(string realm, Func<string, string?> passwordOf, TimeProvider timeProvider, DigestAlgorithm? algorithm = null, TimeSpan? nonceLifetime = null, byte[]? secret = null)
    {
        Realm = realm;
        _passwordOf = passwordOf;
        _time = timeProvider;
        Algorithm = algorithm ?? DigestAlgorithm.Md5;
        NonceLifetime = nonceLifetime ?? TimeSpan.FromMinutes(5);
        _secret = secret ?? RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>The realm we challenge for.</summary>
    public string Realm { get; }

    /// <summary>The algorithm we offer and accept.</summary>
    public DigestAlgorithm Algorithm { get; }

    /// <summary>How long an issued nonce stays fresh.</summary>
    public TimeSpan NonceLifetime { get; }

    /// <summary>A new challenge with a fresh nonce and qop=auth.</summary>
    public DigestChallenge CreateChallenge(bool stale = false) => new()
    {
        Realm = Realm,
        Nonce = NewNonce(),
        Algorithm = Algorithm,
        QopAuth = true,
        Stale = stale,
    };

    /// <summary>
    /// Checks the credentials of <paramref name="request"/> in <paramref name="headerName"/> (Authorization, or
    /// Proxy-Authorization for a proxy) for our realm; <paramref name="user"/> names who authenticated.
    /// </summary>
    public DigestVerification Verify(SipRequest request, string headerName, out string? user)
    {
        user = null;
        DigestResponse? credentials = null;
        var sawOurs = false;
        foreach (var row in request.Headers.GetRows(headerName))
        {
            if (!DigestResponse.TryParse(row, out var parsed, out _)) continue;
            // RFC 3261 §22.4: a request may carry credentials for several realms; use the one for ours.
            if (parsed.Realm != Realm) continue;
            sawOurs = true;
            credentials = parsed;
            break;
        }
        if (!sawOurs) return request.Headers.Contains(headerName) ? DigestVerification.Malformed : DigestVerification.Missing;
        if (credentials!.Algorithm != Algorithm) return DigestVerification.Malformed;
        if (!TryReadNonce(credentials.Nonce, out var issued)) return DigestVerification.BadNonce;
        var password = _passwordOf(credentials.User);
        if (password is null) return DigestVerification.UnknownUser;
        var expected = Algorithm.Response(credentials.User, Realm, password, request.Method, credentials.Uri, credentials.Nonce, credentials.Qop, credentials.NonceCount, credentials.ClientNonce);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(credentials.Response.ToLowerInvariant())))
        {
            return DigestVerification.WrongPassword;
        }
        user = credentials.User;
        var age = _time.GetUtcNow() - issued;
        return age > NonceLifetime || age < -NonceLifetime ? DigestVerification.Stale : DigestVerification.Valid;
    }

    private string NewNonce()
    {
        Span<byte> nonce = stackalloc byte[TimestampBytes + MacBytes];
        BinaryPrimitives.WriteInt64BigEndian(nonce, _time.GetUtcNow().ToUnixTimeMilliseconds());
        Mac(nonce[..TimestampBytes]).AsSpan(0, MacBytes).CopyTo(nonce[TimestampBytes..]);
        return Convert.ToBase64String(nonce);
    }

    private bool TryReadNonce(string nonce, out DateTimeOffset issued)
    {
        issued = default;
        Span<byte> bytes = stackalloc byte[TimestampBytes + MacBytes + 3];
        if (!Convert.TryFromBase64String(nonce, bytes, out var length) || length != TimestampBytes + MacBytes) return false;
        var mac = Mac(bytes[..TimestampBytes]);
        if (!CryptographicOperations.FixedTimeEquals(mac.AsSpan(0, MacBytes), bytes.Slice(TimestampBytes, MacBytes))) return false;
        issued = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(bytes));
        return true;
    }

    /// <summary>The realm is in the MAC so a nonce from one realm cannot be replayed in another.</summary>
    private byte[] Mac(ReadOnlySpan<byte> timestamp)
    {
        var realm = Encoding.UTF8.GetBytes(Realm);
        var data = new byte[timestamp.Length + realm.Length];
        timestamp.CopyTo(data);
        realm.CopyTo(data, timestamp.Length);
        return HMACSHA256.HashData(_secret, data);
    }
}
