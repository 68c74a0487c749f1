using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PhoneAgent.Sip.Auth;
using PhoneAgent.Sip.Dialogs;
using PhoneAgent.Sip.Media;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Sdp;
using PhoneAgent.Sip.Transactions;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Calls;

/// <summary>
/// Places one call as the UAC (RFC 3261 §13.2): an INVITE with our SDP offer, credentials on a 401/407
/// (§22.2), CANCEL when the caller gives up before an answer (§9.1), and on a 2xx the dialog (§12.1.2), the ACK
/// (§13.2.2.4, re-sent for each retransmitted 2xx) and the SDP answer, before the call goes to the user agent's
/// handler like an answered inbound one.
/// </summary>
internal sealed class OutboundCall
{
    // Bound on challenge rounds, as for REGISTER: a server that keeps sending stale=true is broken.
    private const int MaxChallengeRounds = 4;

    private readonly SipUserAgent _ua;
    private readonly LocalIdentity _identity;
    private readonly SipUri _target;
    private readonly DialOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DigestSession? _auth;
    private readonly string _callId = SipIds.NewCallId();
    private readonly string _fromTag = SipIds.NewTag();
    private readonly HashSet<string> _ackedForks = new(StringComparer.Ordinal);
    private (SipRequest Message, SipDestination Destination)? _ack;
    private long _cseq = Random.Shared.Next(1, 1 << 20);
    private SessionDescription? _earlyAnswer;

    public OutboundCall(SipUserAgent ua, LocalIdentity identity, SipUri target, DialOptions options, TimeProvider time, ILogger logger)
    {
        _ua = ua;
        _identity = identity;
        _target = target;
        _options = options;
        _time = time;
        _logger = logger;
        if (options.Credentials is { } credentials) _auth = new DigestSession(new DigestClient(credentials));
    }

    /// <summary>
    /// Dials on an RTP port pair from <paramref name="ports"/>; returns the confirmed call, or throws
    /// <see cref="SipDialException"/> / <see cref="OperationCanceledException"/> (the ports then go back at once).
    /// </summary>
    public async Task<SipCall> RunAsync(RtpPortAllocator ports, CancellationToken cancellationToken, CancellationToken shutdown)
    {
        var lease = ports.TryAllocate() ?? throw new SipDialException(DialFailure.LocalResources, "no free RTP port pair in Sip:RtpPortMin-RtpPortMax");
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown);
        try
        {
            var call = await DialAsync(lease, linked.Token).ConfigureAwait(false);
            _logger.LogInformation("Call {CallId} to {Callee} answered ({Codec})", call.CallId, call.Callee.Uri, call.Media?.Audio.Codec.Codec.EncodingName);
            return call;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    private async Task<SipCall> DialAsync(RtpPortLease lease, CancellationToken cancellationToken)
    {
        var proxy = _options.OutboundProxy ?? _ua.Options.OutboundProxy;
        SipDestination destination;
        try
        {
            destination = await _ua.Requests.ResolveAsync(proxy ?? _target, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new SipDialException(DialFailure.Transport, $"cannot resolve {proxy ?? _target}: {e.Message}", inner: e);
        }
        var local = _ua.Requests.LocalEndPointFor(destination.EndPoint);
        var advertised = _identity.AdvertisedAddress(local);
        var sdp = new SdpSession(new SdpLocalSettings
        {
            Address = advertised,
            RtpPort = lease.Port,
            Codecs = _ua.Options.Codecs,
            Ptime = _ua.Options.PtimeMs,
        });
        var offer = sdp.CreateOffer().ToUtf8Bytes();
        var from = (_options.From ?? new NameAddress(new SipUri("sip", SipUri.FormatHost(advertised), null, _ua.Options.ContactUser))).WithParameter("tag", _fromTag);
        var contact = _identity.ContactUri(destination.Transport, local);

        using var noAnswer = _options.AnswerTimeout is { } timeout ? new CancellationTokenSource(timeout, _time) : new CancellationTokenSource();
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, noAnswer.Token);
        var answeredFresh = false;
        for (var round = 0; ; round++)
        {
            var invite = BuildInvite(from, contact, proxy, offer);
            _auth?.Authorize(invite);
            var provisional = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ClientTransaction? tx = null;
            tx = _ua.Requests.Start(invite, destination, local, r => OnProvisional(r, provisional), r => OnRetransmitted2xx(tx, local, r));
            var response = await AwaitFinalAsync(tx, provisional.Task, local, giveUp.Token).ConfigureAwait(false);
            if (response is null)
            {
                if (noAnswer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new SipDialException(DialFailure.NoAnswer, $"no answer from {_target} within {_options.AnswerTimeout!.Value.TotalSeconds:0.#} s");
                }
                throw new OperationCanceledException(cancellationToken);
            }
            if (response.IsSuccess) return await ConfirmAsync(invite, tx.Destination, local, response, sdp, lease).ConfigureAwait(false);
            if (response.StatusCode is 401 or 407)
            {
                if (_auth is null) throw AuthFailed(response, "no credentials configured");
                if (!_auth.TryTake(response, out var stale, out var problem)) throw AuthFailed(response, problem!);
                // RFC 7616 §3.3: without stale=true a second challenge means the password itself was refused.
                if ((answeredFresh && !stale) || round >= MaxChallengeRounds) throw AuthFailed(response, $"credentials for user '{_auth.User}' rejected");
                answeredFresh = true;
                continue;
            }
            // RFC 3261 §8.1.3.4: a 3xx names where to try instead; we report it rather than follow it unasked.
            var redirect = response.StatusCode is >= 300 and < 400 && response.Contacts.Count > 0 ? $" (try {response.Contacts[0].Uri})" : string.Empty;
            throw new SipDialException(DialFailure.Rejected, $"{_target} answered {response.StatusCode} {response.ReasonPhrase}{redirect}", response.StatusCode, response.ReasonPhrase);
        }
    }

    private static SipDialException AuthFailed(SipResponse response, string problem) =>
        new(DialFailure.AuthenticationFailed, $"{response.StatusCode} {response.ReasonPhrase} ({problem})", response.StatusCode, response.ReasonPhrase);

    /// <summary>RFC 3261 §8.1.1: the mandatory headers, our Contact, the offer; Call-ID and From tag stay the same across challenge rounds (§22.2).</summary>
    private SipRequest BuildInvite(NameAddress from, SipUri contact, SipUri? proxy, byte[] offer)
    {
        var invite = new SipRequest(SipMethods.Invite, _target);
        if (proxy is not null)
        {
            // RFC 3261 §8.1.2: the outbound proxy is a pre-existing route set of one loose router.
            var route = proxy.With();
            route.Parameters.Set("lr", null);
            invite.Headers.Add(HeaderNames.Route, $"<{route}>");
        }
        invite.Headers.Add(HeaderNames.MaxForwards, "70");
        invite.Headers.Add(HeaderNames.From, from.ToString());
        invite.Headers.Add(HeaderNames.To, new NameAddress(_target.With(parameters: new SipParameters())).ToString());
        invite.Headers.Add(HeaderNames.CallId, _callId);
        invite.Headers.Add(HeaderNames.CSeq, new CSeqHeader(Interlocked.Increment(ref _cseq), SipMethods.Invite).ToString());
        invite.Headers.Add(HeaderNames.Contact, $"<{contact}>");
        invite.Headers.Add(HeaderNames.Allow, UaResponses.AllowedMethods);
        invite.Headers.Add(HeaderNames.ContentType, "application/sdp");
        invite.Body = offer;
        return invite;
    }

    /// <summary>Runs under the transaction's lock: records and reports, nothing more.</summary>
    private void OnProvisional(SipResponse response, TaskCompletionSource seen)
    {
        seen.TrySetResult();
        var early = !response.Body.IsEmpty && SessionDescription.TryParse(response.Body.Span, out var description, out _) ? description : null;
        if (early is not null) Volatile.Write(ref _earlyAnswer, early);
        if (_options.Progress is not { } progress) return;
        var update = new DialProgress(response.StatusCode, response.ReasonPhrase, early is not null);
        ThreadPool.QueueUserWorkItem(static s =>
        {
            try
            {
                s.progress(s.update);
            }
            catch (Exception e)
            {
                s.logger.LogWarning(e, "Dial progress callback failed");
            }
        }, (progress, update, logger: _logger), preferLocal: false);
    }

    /// <summary>
    /// The final response, or null when <paramref name="giveUp"/> fired first. Giving up sends CANCEL (RFC 3261 §9.1)
    /// once a provisional response has arrived (never before: the CANCEL could overtake the INVITE), then waits
    /// 64*T1 at most for the INVITE's final response; a 2xx that crossed the CANCEL is acknowledged and hung up.
    /// </summary>
    private async Task<SipResponse?> AwaitFinalAsync(ClientTransaction tx, Task provisional, IPEndPoint local, CancellationToken giveUp)
    {
        try
        {
            return await tx.FinalResponse.WaitAsync(giveUp).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
        {
        }
        catch (SipTransactionException e)
        {
            throw Failed(e);
        }
        // Timer B ends the wait for a provisional if nothing at all answers.
        await Task.WhenAny(provisional, tx.FinalResponse).ConfigureAwait(false);
        Task cancelled = Task.CompletedTask;
        if (!tx.FinalResponse.IsCompleted)
        {
            _logger.LogInformation("Dial {CallId}: cancelling", _callId);
            cancelled = _ua.Transactions.StartClient(BuildCancel(tx.Request), tx.Destination).FinalResponse;
        }
        try
        {
            var final = await tx.FinalResponse.WaitAsync(_ua.Transactions.Timers.TransactionTimeout, _time).ConfigureAwait(false);
            if (final.IsSuccess) await HangUpUnwantedAsync(tx.Request, tx.Destination, local, final).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or SipTransactionException)
        {
            _logger.LogDebug("Dial {CallId}: no final response after CANCEL: {Message}", _callId, e.Message);
        }
        try
        {
            await cancelled.ConfigureAwait(false);
        }
        catch (SipTransactionException)
        {
            // The INVITE's outcome is what matters; a lost CANCEL was covered by the wait above.
        }
        return null;
    }

    private SipDialException Failed(SipTransactionException e) => e.Failure == TransactionFailure.Timeout
        ? new SipDialException(DialFailure.Timeout, $"no response from {_target} (INVITE timed out)", inner: e)
        : new SipDialException(DialFailure.Transport, $"cannot reach {_target}: {e.InnerException?.Message ?? e.Message}", inner: e);

    /// <summary>RFC 3261 §9.1: the INVITE's Request-URI, Call-ID, From, To, CSeq number, Route rows and top Via (its branch).</summary>
    private SipRequest BuildCancel(SipRequest invite)
    {
        var cancel = new SipRequest(SipMethods.Cancel, invite.RequestUri);
        cancel.Headers.Add(HeaderNames.Via, invite.TopVia!.ToString());
        cancel.Headers.CopyFrom(invite.Headers, HeaderNames.Route);
        cancel.Headers.Add(HeaderNames.MaxForwards, "70");
        cancel.Headers.CopyFrom(invite.Headers, HeaderNames.From);
        cancel.Headers.CopyFrom(invite.Headers, HeaderNames.To);
        cancel.Headers.CopyFrom(invite.Headers, HeaderNames.CallId);
        cancel.Headers.Add(HeaderNames.CSeq, new CSeqHeader(invite.CSeq!.Number, SipMethods.Cancel).ToString());
        cancel.Headers.Add(HeaderNames.UserAgent, _ua.Options.Product);
        return cancel;
    }

    /// <summary>
    /// The 2xx: dialog, SDP answer (the 2xx's, else an early one from a 183), then the call is registered before
    /// the ACK goes out so a BYE right behind the ACK finds it.
    /// </summary>
    private async Task<SipCall> ConfirmAsync(SipRequest invite, SipDestination flow, IPEndPoint local, SipResponse response, SdpSession sdp, RtpPortLease lease)
    {
        var dialog = SipDialog.CreateAsUac(invite, response, flow);
        var answer = response.Body.IsEmpty ? Volatile.Read(ref _earlyAnswer)
            : SessionDescription.TryParse(response.Body.Span, out var parsed, out _) ? parsed : null;
        var result = answer is null ? null : sdp.ProcessAnswer(answer);
        if (result is not { IsAccepted: true })
        {
            await SendAckAsync(invite, dialog, local).ConfigureAwait(false);
            await SendByeAsync(dialog, local).ConfigureAwait(false);
            var why = result is null ? "no SDP answer" : result.Failure.ToString();
            throw new SipDialException(DialFailure.MediaNegotiation, $"{_target} answered, but with unusable media ({why}); hung up", response.StatusCode, response.ReasonPhrase);
        }
        var call = new SipCall(_ua, invite, dialog, lease, sdp, result.Audio!, _logger);
        _ua.Adopt(call);
        try
        {
            var ack = await SendAckAsync(invite, dialog, local).ConfigureAwait(false);
            lock (_ackedForks) _ack = ack;
        }
        catch (SocketException e)
        {
            // The Contact's host did not resolve: the call is the handler's now, and it ends like any other.
            _logger.LogWarning("Dial {CallId}: cannot send the ACK to {Target}: {Message}; hanging up", _callId, dialog.RemoteTarget, e.Message);
            await call.HangupAsync(CallEndCause.TransportFailure).ConfigureAwait(false);
        }
        return call;
    }

    /// <summary>RFC 3261 §13.2.2.4: each 2xx retransmission gets the same ACK; a 2xx from another fork gets an ACK and a BYE.</summary>
    /// <remarks>Runs under the transaction's lock, so sends are started, not awaited.</remarks>
    private void OnRetransmitted2xx(ClientTransaction? tx, IPEndPoint local, SipResponse response)
    {
        if (tx is null) return;
        var tag = response.To?.Tag ?? string.Empty;
        lock (_ackedForks)
        {
            if (tx.FinalResponse.IsCompletedSuccessfully && tx.FinalResponse.Result.To?.Tag == tag)
            {
                // Before our ACK is built there is nothing to repeat; the first one follows shortly.
                if (_ack is { } ack) _ = ResendAsync(ack.Message, ack.Destination);
                return;
            }
            if (!_ackedForks.Add(tag)) return;
        }
        _ = Task.Run(() => HangUpUnwantedAsync(tx.Request, tx.Destination, local, response));
    }

    private async Task ResendAsync(SipRequest ack, SipDestination destination)
    {
        try
        {
            await _ua.Transport.SendAsync(ack, destination).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            _logger.LogDebug("Dial {CallId}: ACK resend failed: {Message}", _callId, e.Message);
        }
    }

    /// <summary>A 2xx we do not want (it crossed our CANCEL, or came from a second fork): ACK it, then BYE (RFC 3261 §13.2.2.4, §15).</summary>
    private async Task HangUpUnwantedAsync(SipRequest invite, SipDestination flow, IPEndPoint local, SipResponse response)
    {
        try
        {
            var dialog = SipDialog.CreateAsUac(invite, response, flow);
            await SendAckAsync(invite, dialog, local).ConfigureAwait(false);
            await SendByeAsync(dialog, local).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogInformation("Dial {CallId}: hanging up an unwanted 2xx failed: {Message}", _callId, e.Message);
        }
    }

    /// <summary>Builds and sends the ACK for a 2xx: in-dialog routing, the INVITE's CSeq number and credentials (RFC 3261 §13.2.2.4).</summary>
    private async Task<(SipRequest Ack, SipDestination Destination)> SendAckAsync(SipRequest invite, SipDialog dialog, IPEndPoint local)
    {
        var ack = dialog.CreateAck(invite.CSeq!.Number);
        ack.Headers.CopyFrom(invite.Headers, HeaderNames.Authorization);
        ack.Headers.CopyFrom(invite.Headers, HeaderNames.ProxyAuthorization);
        var (destination, from) = await _ua.Requests.DialogRouteAsync(dialog, local, CancellationToken.None).ConfigureAwait(false);
        ack.Headers.AddFirst(HeaderNames.Via, _identity.NewVia(destination.Transport, from).ToString());
        ack.Headers.Add(HeaderNames.UserAgent, _ua.Options.Product);
        await ResendAsync(ack, destination).ConfigureAwait(false);
        return (ack, destination);
    }

    private async Task SendByeAsync(SipDialog dialog, IPEndPoint local)
    {
        var bye = dialog.CreateRequest(SipMethods.Bye);
        var (destination, from) = await _ua.Requests.DialogRouteAsync(dialog, local, CancellationToken.None).ConfigureAwait(false);
        try
        {
            var response = await _ua.Requests.Start(bye, destination, from).FinalResponse.ConfigureAwait(false);
            _logger.LogDebug("Dial {CallId}: BYE answered {Status}", _callId, response.StatusCode);
        }
        catch (SipTransactionException e)
        {
            _logger.LogInformation("Dial {CallId}: BYE failed: {Message}", _callId, e.Message);
        }
    }
}
