using System.Net;
using System.Net.Sockets;
using PhoneAgent.Sip.Auth;
using PhoneAgent.Sip.Dialogs;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transactions;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Calls;

/// <summary>
/// Sends requests outside a dialog (REGISTER, INVITE): picks the next hop (an outbound proxy or the target,
/// RFC 3261 §8.1.2), stamps Via and User-Agent, runs the client transaction and answers 401/407 challenges
/// (§22.2-§22.3) once per fresh challenge.
/// </summary>
internal sealed class RequestClient(SipTransactionLayer transactions, LocalIdentity identity, SipUserAgentOptions options)
{
    // Bound on challenge rounds for one request: a server that keeps sending stale=true is broken.
    private const int MaxChallengeRounds = 4;

    /// <summary>The outcome of a request that may have been retried with credentials.</summary>
    public sealed record Outcome(SipResponse Response, string? AuthProblem);

    /// <summary>
    /// Sends the request <paramref name="build"/> makes (called again, with a new CSeq, for each retry with
    /// credentials) and returns the final response. A 401/407 comes back as it is when there are no credentials,
    /// or when freshly obtained credentials were refused without stale=true (a wrong password).
    /// </summary>
    public async Task<Outcome> SendAsync(Func<SipRequest> build, SipUri nextHop, DigestSession? auth, CancellationToken cancellationToken)
    {
        var answeredFresh = false;
        for (var round = 0; ; round++)
        {
            var request = build();
            auth?.Authorize(request);
            var tx = await StartAsync(request, nextHop, cancellationToken).ConfigureAwait(false);
            var response = await tx.FinalResponse.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is not (401 or 407) || auth is null) return new Outcome(response, null);
            if (!auth.TryTake(response, out var stale, out var problem)) return new Outcome(response, problem);
            // RFC 7616 §3.3: without stale=true the server rejected the credentials themselves; asking again with
            // the same password cannot help. Credentials reused from an earlier request get one fresh try.
            if ((answeredFresh && !stale) || round >= MaxChallengeRounds) return new Outcome(response, "wrong credentials");
            answeredFresh = true;
        }
    }

    /// <summary>Resolves the next hop, adds our Via and User-Agent, and starts the client transaction.</summary>
    public async Task<ClientTransaction> StartAsync(SipRequest request, SipUri nextHop, CancellationToken cancellationToken)
    {
        var destination = await ResolveAsync(nextHop, cancellationToken).ConfigureAwait(false);
        return Start(request, destination, LocalEndPointFor(destination.EndPoint));
    }

    /// <summary>Where a request for <paramref name="nextHop"/> goes (RFC 3263 via <see cref="SipTargetResolver"/>).</summary>
    public Task<SipDestination> ResolveAsync(SipUri nextHop, CancellationToken cancellationToken) =>
        SipTargetResolver.ResolveAsync(nextHop, options.EnableUdp ? SipTransportKind.Udp : SipTransportKind.Tcp, cancellationToken);

    /// <summary>Adds our Via (for <paramref name="local"/>) and User-Agent, and starts the client transaction.</summary>
    public ClientTransaction Start(SipRequest request, SipDestination destination, IPEndPoint local, Action<SipResponse>? provisional = null, Action<SipResponse>? retransmitted2xx = null)
    {
        request.Headers.AddFirst(HeaderNames.Via, identity.NewVia(destination.Transport, local).ToString());
        if (!request.Headers.Contains(HeaderNames.UserAgent)) request.Headers.Add(HeaderNames.UserAgent, options.Product);
        return transactions.StartClient(request, destination, provisional, retransmitted2xx);
    }

    /// <summary>
    /// Where an in-dialog request goes and the local address it leaves from. A peer behind NAT cannot take a new
    /// TCP connection, so the dialog's stream is reused while open (RFC 5923 §1); otherwise the next hop of the
    /// route set (RFC 3261 §12.2.1.1) is resolved.
    /// </summary>
    /// <param name="dialog">The dialog.</param>
    /// <param name="fallbackLocal">The local address the dialog was formed on, when known.</param>
    /// <param name="cancellationToken">Cancels resolution.</param>
    public async Task<(SipDestination Destination, IPEndPoint Local)> DialogRouteAsync(SipDialog dialog, IPEndPoint? fallbackLocal, CancellationToken cancellationToken)
    {
        var flow = dialog.Flow;
        var destination = flow.Transport.IsReliable() && flow.Connection is { IsOpen: true }
            ? flow
            : await SipTargetResolver.ResolveAsync(dialog.NextHop, flow.Transport, cancellationToken).ConfigureAwait(false);
        var local = destination.Connection?.Local ?? flow.Connection?.Local ?? fallbackLocal ?? LocalEndPointFor(destination.EndPoint);
        return (destination, local);
    }

    /// <summary>Our Contact for requests towards <paramref name="nextHop"/>'s transport and route.</summary>
    public async Task<SipUri> ContactForAsync(SipUri nextHop, CancellationToken cancellationToken)
    {
        var preferred = options.EnableUdp ? SipTransportKind.Udp : SipTransportKind.Tcp;
        var destination = await SipTargetResolver.ResolveAsync(nextHop, preferred, cancellationToken).ConfigureAwait(false);
        return identity.ContactUri(destination.Transport, LocalEndPointFor(destination.EndPoint));
    }

    /// <summary>
    /// The local address a packet to <paramref name="remote"/> leaves from. Bound to a wildcard address, we ask
    /// the routing table (a connected UDP socket sends nothing) so a registrar on another host is not told
    /// 127.0.0.1.
    /// </summary>
    public IPEndPoint LocalEndPointFor(IPEndPoint remote)
    {
        if (!options.ListenAddress.Equals(IPAddress.Any) && !options.ListenAddress.Equals(IPAddress.IPv6Any)) return new IPEndPoint(options.ListenAddress, 0);
        try
        {
            using var probe = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(remote);
            return (IPEndPoint)probe.LocalEndPoint!;
        }
        catch (SocketException)
        {
            return new IPEndPoint(options.ListenAddress, 0);
        }
    }
}
