using System.Net;
using Microsoft.Extensions.Logging;
using PhoneAgent.Sip.Auth;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transactions;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Calls;

/// <summary>
/// Decides whether a request from outside any dialog may go on (trunk/PBX mode): sources in
/// <see cref="SipUserAgentOptions.Trunks"/> are trusted; others must answer a Digest challenge
/// (<see cref="SipUserAgentOptions.InboundAuth"/>, RFC 3261 §22.1, §22.4) or get 403. It runs before anything is
/// allocated for the request, so a refused caller never gets an RTP port. With neither setting, all are accepted.
/// </summary>
internal sealed class InboundAdmission
{
    private readonly IReadOnlyList<IPNetwork> _trunks;
    private readonly DigestServer? _digest;
    private readonly SipInboundAuthOptions? _auth;
    private readonly UaResponses _responses;
    private readonly ILogger _logger;
    private readonly RateLimitedLog _refusals;

    public InboundAdmission(SipUserAgentOptions options, UaResponses responses, TimeProvider timeProvider, ILogger logger)
    {
        _trunks = options.Trunks;
        _auth = options.InboundAuth;
        _responses = responses;
        _logger = logger;
        // A scanner sending INVITEs by the thousand must not flood the log.
        _refusals = new RateLimitedLog(timeProvider, TimeSpan.FromSeconds(10));
        if (_auth is { } auth)
        {
            _digest = new DigestServer(auth.Realm, user => user == auth.Username ? auth.Password : null, timeProvider);
        }
    }

    /// <summary>True when requests are filtered at all.</summary>
    public bool IsEnabled => _trunks.Count > 0 || _digest is not null;

    /// <summary>
    /// True when <paramref name="transaction"/> (a request without a To tag) may proceed; otherwise it has been
    /// answered with 401 or 403. CANCEL is never challenged (RFC 3261 §22.1: it cannot be resubmitted) and OPTIONS
    /// neither: probes and capability queries (§11) create no dialog and allocate nothing.
    /// </summary>
    public bool Admit(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (!IsEnabled || request.Method is SipMethods.Cancel or SipMethods.Options) return true;
        var source = transaction.Inbound.Remote.Address;
        if (source.IsIPv4MappedToIPv6) source = source.MapToIPv4();
        foreach (var network in _trunks)
        {
            if (network.Contains(source)) return true;
        }
        if (_digest is null)
        {
            Refuse(transaction, "not from a listed trunk");
            return false;
        }
        switch (_digest.Verify(request, HeaderNames.Authorization, out _))
        {
            case DigestVerification.Valid:
                return true;
            case DigestVerification.Stale:
                // RFC 7616 §3.3: the password was right, only the nonce aged; the caller retries without asking anyone.
                Challenge(transaction, stale: true);
                return false;
            case DigestVerification.WrongPassword or DigestVerification.UnknownUser:
                // RFC 3261 §22.1 leaves the choice; 403 tells a misconfigured caller at once instead of a challenge loop.
                Refuse(transaction, "wrong credentials");
                return false;
            default:
                Challenge(transaction, stale: false);
                return false;
        }
    }

    private void Challenge(ServerTransaction transaction, bool stale)
    {
        var response = _responses.Create(transaction, 401, SipIds.NewTag());
        response.Headers.Add(HeaderNames.WwwAuthenticate, _digest!.CreateChallenge(stale).ToString());
        transaction.SendResponse(response);
    }

    private void Refuse(ServerTransaction transaction, string why)
    {
        transaction.SendResponse(_responses.Create(transaction, 403, SipIds.NewTag()));
        var request = transaction.Request;
        var source = transaction.Inbound.Remote;
        _refusals.Log(() => _logger.LogWarning("Refused {Method} from {Source} with 403: {Why} (Sip:Trunks / Sip:InboundAuth)", request.Method, source, why));
    }
}
