using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Auth;

/// <summary>
/// The challenges a client currently holds for one peer (RFC 3261 §22.3): it adds matching Authorization and
/// Proxy-Authorization rows to each new request, so refreshes can answer the last nonce without another
/// round trip, and takes the challenges of each 401/407. Thread-safe.
/// </summary>
public sealed class DigestSession(DigestClient client)
{
    private readonly List<DigestChallenge> _challenges = [];

    /// <summary>The user the credentials belong to.</summary>
    public string User => client.Credentials.User;

    /// <summary>True once a challenge was taken.</summary>
    public bool HasChallenges
    {
        get
        {
            lock (_challenges) return _challenges.Count > 0;
        }
    }

    /// <summary>Adds credentials for every held challenge; the digest-uri is the Request-URI (RFC 3261 §22.4).</summary>
    public void Authorize(SipRequest request)
    {
        lock (_challenges)
        {
            foreach (var c in _challenges)
            {
                var header = c.IsProxy ? HeaderNames.ProxyAuthorization : HeaderNames.Authorization;
                request.Headers.Add(header, client.Answer(c, request.Method, request.RequestUri.ToString()).ToString());
            }
        }
    }

    /// <summary>
    /// Takes the challenges of a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate), replacing older ones for the
    /// same realm. False with a reason when the response holds no challenge we can answer.
    /// </summary>
    public bool TryTake(SipResponse response, out bool stale, out string? problem)
    {
        stale = false;
        problem = "no Digest challenge";
        var isProxy = response.StatusCode == 407;
        var taken = new List<DigestChallenge>();
        foreach (var row in response.Headers.GetRows(isProxy ? HeaderNames.ProxyAuthenticate : HeaderNames.WwwAuthenticate))
        {
            if (DigestChallenge.TryParse(row, isProxy, out var challenge, out var why)) taken.Add(challenge);
            else problem = why;
        }
        if (taken.Count == 0) return false;
        lock (_challenges)
        {
            _challenges.RemoveAll(old => taken.Any(t => t.IsProxy == old.IsProxy && t.Realm == old.Realm));
            _challenges.AddRange(taken);
        }
        stale = taken.Any(t => t.Stale);
        problem = null;
        return true;
    }

    /// <summary>Forgets every challenge (the next request goes without credentials).</summary>
    public void Clear()
    {
        lock (_challenges) _challenges.Clear();
    }
}
