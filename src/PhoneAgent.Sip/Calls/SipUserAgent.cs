using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using PhoneAgent.Sip.Dialogs;
using PhoneAgent.Sip.Media;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Registration;
using PhoneAgent.Sip.Sdp;
using PhoneAgent.Sip.Transactions;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Calls;

/// <summary>
/// The UA core (RFC 3261 §8.2, §12-§15): it answers INVITEs after ringing, handles CANCEL, BYE, OPTIONS and
/// re-INVITE, refuses what it cannot do with the RFC's status codes, and hands each call to an
/// <see cref="ISipCallHandler"/> on a task of its own. One loop drains the transport queue into the
/// transaction layer; calls serialise their own state.
/// </summary>
public sealed class SipUserAgent : ISipTransactionUser, ISipMessageSender, IAsyncDisposable
{
    /// <summary>Methods we implement, for Allow (RFC 3261 §20.5).</summary>
    public const string AllowedMethods = UaResponses.AllowedMethods;

    private readonly ISipCallHandler _handler;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<SipDialogId, SipCall> _calls = new();
    private readonly ConcurrentDictionary<ServerInviteTransaction, SipCall> _callsByInvite = new();
    private readonly ConcurrentDictionary<SipCall, Task> _handlers = new();
    private readonly MergedRequestDetector _merged = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly RtpPortAllocator _rtpPorts;
    private readonly LocalIdentity _identity;
    private readonly InboundAdmission _admission;
    private readonly List<SipRegistration> _registrations = [];
    private Task _loop = Task.CompletedTask;
    private volatile bool _acceptingCalls = true;

    /// <summary>Creates the user agent; <see cref="Start"/> binds the sockets.</summary>
    public SipUserAgent(SipUserAgentOptions options, ISipCallHandler handler, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        Options = options;
        _handler = handler;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<SipUserAgent>();
        Transport = new SipTransportLayer(loggerFactory.CreateLogger<SipTransportLayer>(), timeProvider);
        Transactions = new SipTransactionLayer(this, this, timeProvider, options.Timers, loggerFactory.CreateLogger<SipTransactionLayer>());
        _rtpPorts = new RtpPortAllocator(options.ListenAddress, options.RtpPortMin, options.RtpPortMax);
        _identity = new LocalIdentity(options, () => Port);
        Responses = new UaResponses(options, _identity);
        _admission = new InboundAdmission(options, Responses, timeProvider, _logger);
        Requests = new RequestClient(Transactions, _identity, options);
        foreach (var r in options.Registrations)
        {
            _registrations.Add(new SipRegistration(r, Requests, timeProvider, loggerFactory.CreateLogger<SipRegistration>()));
        }
    }

    /// <summary>Sends our out-of-dialog requests (REGISTER, INVITE).</summary>
    internal RequestClient Requests { get; }

    /// <summary>The registrations from <see cref="SipUserAgentOptions.Registrations"/>, in order; for health checks.</summary>
    public IReadOnlyList<SipRegistration> Registrations => _registrations;

    /// <summary>Builds our responses (tags, Contact, capabilities).</summary>
    internal UaResponses Responses { get; }

    /// <summary>The settings in force.</summary>
    public SipUserAgentOptions Options { get; }

    /// <summary>The transports and their counters.</summary>
    public SipTransportLayer Transport { get; }

    /// <summary>The transaction layer.</summary>
    public SipTransactionLayer Transactions { get; }

    /// <summary>Calls not yet ended.</summary>
    public ICollection<SipCall> Calls => _calls.Values;

    /// <summary>The clock of every timer and timeout.</summary>
    internal TimeProvider Time => _timeProvider;

    /// <summary>The RTP port pairs calls are given.</summary>
    internal RtpPortAllocator RtpPorts => _rtpPorts;

    /// <summary>The port SIP listens on (useful when configured as 0).</summary>
    public int Port => Transport.Port;

    /// <summary>Binds UDP/TCP and starts the processing loop.</summary>
    public void Start()
    {
        Transport.Start(Options.ListenAddress, Options.Port, Options.EnableUdp, Options.EnableTcp);
        _loop = Task.Run(ProcessLoopAsync);
        foreach (var r in _registrations) r.Start();
        _logger.LogInformation("SIP listening on {Address}:{Port} ({Transports})", Options.ListenAddress, Port,
            string.Join("+", new[] { Options.EnableUdp ? "UDP" : null, Options.EnableTcp ? "TCP" : null }.OfType<string>()));
    }

    private async Task ProcessLoopAsync()
    {
        try
        {
            await foreach (var inbound in Transport.Inbound.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    Transactions.OnInbound(inbound);
                }
                catch (Exception e)
                {
                    // One bad message or one bug must not stop every other call's signalling.
                    _logger.LogError(e, "Error processing {StartLine} from {Remote}", inbound.Message.StartLine, inbound.Remote);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>New INVITEs get 503 from now on (graceful shutdown, STYLE §6).</summary>
    public void StopAcceptingCalls() => _acceptingCalls = false;

    /// <summary>Hangs up every live call and waits for them to end, up to <paramref name="timeout"/>.</summary>
    public async Task HangupAllAsync(TimeSpan timeout)
    {
        var all = _calls.Values.Select(c => c.HangupAsync()).ToArray();
        await Task.WhenAny(Task.WhenAll(all), Task.Delay(timeout, _timeProvider)).ConfigureAwait(false);
        foreach (var c in _calls.Values) c.EndForShutdown();
    }

    Task ISipMessageSender.SendAsync(SipMessage message, SipDestination destination, CancellationToken cancellationToken) =>
        Transport.SendAsync(message, destination, cancellationToken);

    void ISipTransactionUser.OnRequest(ServerTransaction transaction)
    {
        var request = transaction.Request;
        // Trunk/PBX mode: a new dialog from an unlisted source is challenged or refused before anything is allocated.
        if (request.To!.Tag is null && !_admission.Admit(transaction)) return;
        if (!CheckRequireAndScheme(transaction)) return;
        if (request.To!.Tag is null && _merged.IsMerged(transaction))
        {
            // RFC 3261 §8.2.2.2: the same request reached us again by another path (a forking proxy).
            transaction.SendResponse(Responses.Create(transaction, 482, SipIds.NewTag()));
            return;
        }
        if (request.To!.Tag is not null && request.Method != SipMethods.Cancel)
        {
            var id = new SipDialogId(request.CallId!, request.To.Tag, request.From!.Tag ?? string.Empty);
            if (_calls.TryGetValue(id, out var call)) call.OnRequest(transaction);
            // RFC 3261 §12.2.2: a request for a dialog we do not know gets 481.
            else transaction.SendResponse(Responses.Create(transaction, 481, SipIds.NewTag()));
            return;
        }
        switch (request.Method)
        {
            case SipMethods.Invite:
                OnNewInvite((ServerInviteTransaction)transaction);
                break;
            case SipMethods.Cancel:
                OnCancel(transaction);
                break;
            case SipMethods.Options:
                var ok = Responses.Create(transaction, 200, SipIds.NewTag());
                Responses.AddCapabilities(ok);
                transaction.SendResponse(ok);
                break;
            case SipMethods.Bye or SipMethods.Info or SipMethods.Update:
                // These only make sense inside a dialog (RFC 3261 §15.1.2).
                transaction.SendResponse(Responses.Create(transaction, 481, SipIds.NewTag()));
                break;
            default:
                Responses.RespondUnsupportedMethod(transaction);
                break;
        }
    }

    /// <summary>RFC 3261 §8.2.2.1 (416 for a non-SIP Request-URI) and §8.2.2.3 (420 for unknown Require).</summary>
    private bool CheckRequireAndScheme(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (!request.RequestUri.IsSip)
        {
            transaction.SendResponse(Responses.Create(transaction, 416, SipIds.NewTag()));
            return false;
        }
        var required = request.Headers.GetValues(HeaderNames.Require);
        if (request.Method != SipMethods.Cancel && required is { Count: > 0 })
        {
            // We implement no option tags, so every required extension is unsupported.
            var bad = Responses.Create(transaction, 420, SipIds.NewTag());
            bad.Headers.Add(HeaderNames.Unsupported, string.Join(", ", required));
            transaction.SendResponse(bad);
            return false;
        }
        return true;
    }

    private void OnNewInvite(ServerInviteTransaction tx)
    {
        var request = tx.Request;
        var localTag = SipIds.NewTag();
        if (!_acceptingCalls || _calls.Count >= Options.MaxConcurrentCalls)
        {
            var busy = Responses.Create(tx, 503, localTag);
            // RFC 3261 §21.5.4: say when to come back instead of letting the caller guess.
            busy.Headers.Add(HeaderNames.RetryAfter, "30");
            tx.SendResponse(busy);
            return;
        }
        if (!AcceptsSdp(request.Headers.GetValues(HeaderNames.Accept)))
        {
            // RFC 3261 §20.1, §21.4.7 (RFC 4475 sdp01): our 200 must carry SDP; a caller whose Accept excludes it gets 406.
            tx.SendResponse(Responses.Create(tx, 406, localTag));
            return;
        }
        SessionDescription? offer = null;
        if (!request.Body.IsEmpty)
        {
            if (!IsSdp(request.ContentType))
            {
                // RFC 3261 §8.2.3: 415 with Accept listing what we take.
                var unsupported = Responses.Create(tx, 415, localTag);
                unsupported.Headers.Add(HeaderNames.Accept, "application/sdp");
                tx.SendResponse(unsupported);
                return;
            }
            if (!SessionDescription.TryParse(request.Body.Span, out offer, out var error))
            {
                tx.SendResponse(Responses.Create(tx, 400, localTag, "Bad SDP: " + error.Reason));
                return;
            }
        }
        var lease = _rtpPorts.TryAllocate();
        if (lease is null)
        {
            var busy = Responses.Create(tx, 503, localTag, "No RTP Ports");
            busy.Headers.Add(HeaderNames.RetryAfter, "30");
            tx.SendResponse(busy);
            return;
        }
        var sdp = new SdpSession(new SdpLocalSettings
        {
            Address = _identity.AdvertisedAddress(tx.Inbound.Local),
            RtpPort = lease.Port,
            Codecs = Options.Codecs,
            Ptime = Options.PtimeMs,
        });
        var answer = offer is null ? null : sdp.CreateAnswer(offer);
        if (answer is { IsAccepted: false })
        {
            lease.Dispose();
            var rejected = Responses.Create(tx, 488, localTag);
            // RFC 3261 §20.43: warn-code 304 "Media type not available" / 305 "Incompatible media format".
            rejected.Headers.Add(HeaderNames.Warning, Responses.IncompatibleMediaWarning(answer.Failure));
            tx.SendResponse(rejected);
            return;
        }
        var dialog = SipDialog.CreateAsUas(tx.Inbound, localTag);
        var call = new SipCall(this, tx, dialog, lease, sdp, answer, _logger);
        _calls[dialog.Id] = call;
        _callsByInvite[tx] = call;
        _logger.LogInformation("Call {CallId} from {Caller} ({Codec})", call.CallId, call.Caller.Uri, call.Media?.Audio.Codec.Codec.EncodingName ?? "late offer");
        call.Start(Options.RingingTime, _timeProvider);
        StartHandler(call);
    }

    /// <summary>
    /// Dials <paramref name="target"/> (RFC 3261 §13.2) and returns the call once it is answered and acknowledged;
    /// it then runs through the same <see cref="ISipCallHandler"/> as inbound calls.
    /// </summary>
    /// <param name="target">Whom to call, e.g. sip:alice@192.0.2.10:5060 (;transport=tcp for TCP).</param>
    /// <param name="options">From, credentials, outbound proxy, answer timeout, progress; null for defaults.</param>
    /// <param name="cancellationToken">Gives up before the answer (CANCEL, RFC 3261 §9.1); no effect once answered.</param>
    /// <exception cref="SipDialException">The call was rejected (3xx-6xx), timed out, could not be sent or authenticated, or its media failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired before the answer.</exception>
    public Task<SipCall> DialAsync(SipUri target, DialOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsSip) throw new ArgumentException($"'{target}' is not a sip: or sips: URI", nameof(target));
        if (!_acceptingCalls) throw new SipDialException(DialFailure.LocalResources, "the user agent is shutting down");
        return new OutboundCall(this, _identity, target, options ?? new DialOptions(), _timeProvider, _logger).RunAsync(_rtpPorts, cancellationToken, _stop.Token);
    }

    /// <summary>Takes an answered outbound call into the live calls and runs the handler on it.</summary>
    internal void Adopt(SipCall call)
    {
        _calls[call.Dialog.Id] = call;
        StartHandler(call);
    }

    private void StartHandler(SipCall call)
    {
        // Registered before it starts, so a handler that finishes at once cannot remove itself first.
        var handler = new Task<Task>(() => RunHandlerAsync(call));
        _handlers[call] = handler.Unwrap();
        handler.Start(TaskScheduler.Default);
    }

    private static bool AcceptsSdp(List<string>? accept) =>
        accept is null || accept.Count == 0 || accept.Any(a => a.Split(';')[0].Trim().ToLowerInvariant() is "application/sdp" or "application/*" or "*/*");

    private static bool IsSdp(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/sdp", StringComparison.OrdinalIgnoreCase);

    private async Task RunHandlerAsync(SipCall call)
    {
        try
        {
            await _handler.HandleCallAsync(call, call.EndedToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (call.EndedToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Call handler failed for {CallId}; hanging up", call.CallId);
            await call.HangupAsync().ConfigureAwait(false);
        }
        finally
        {
            // The ports go back only once the handler (which may be reading them) has finished.
            call.RtpPorts.Dispose();
            _handlers.TryRemove(call, out _);
        }
    }

    private void OnCancel(ServerTransaction cancel)
    {
        // RFC 3261 §9.2: CANCEL is answered on its own transaction; the INVITE, if still pending, gets 487.
        var invite = Transactions.FindInviteFor(cancel.Request);
        if (invite is null)
        {
            cancel.SendResponse(Responses.Create(cancel, 481, SipIds.NewTag()));
            return;
        }
        var call = _callsByInvite.GetValueOrDefault(invite);
        cancel.SendResponse(Responses.Create(cancel, 200, call?.Dialog.Id.LocalTag ?? SipIds.NewTag()));
        call?.OnCancel();
    }

    void ISipTransactionUser.OnAck(SipInboundMessage ack)
    {
        var request = (SipRequest)ack.Message;
        var id = new SipDialogId(request.CallId!, request.To!.Tag ?? string.Empty, request.From!.Tag ?? string.Empty);
        // An ACK for an unknown dialog is dropped: it has no response (RFC 3261 §17.2.3).
        if (_calls.TryGetValue(id, out var call)) call.OnAck(request);
    }

    void ISipTransactionUser.OnNoAck(ServerInviteTransaction transaction, bool forSuccess)
    {
        if (forSuccess && CallOf(transaction) is { } call) Defer(call.OnNoAck);
    }

    void ISipTransactionUser.OnTransportFailure(ServerInviteTransaction transaction)
    {
        if (CallOf(transaction) is { } call) Defer(call.OnTransportFailure);
    }

    /// <summary>The call an INVITE belongs to: the initial one by transaction, a re-INVITE by its dialog.</summary>
    private SipCall? CallOf(ServerInviteTransaction transaction)
    {
        if (_callsByInvite.TryGetValue(transaction, out var call)) return call;
        var request = transaction.Request;
        return request.To!.Tag is { } localTag
            ? _calls.GetValueOrDefault(new SipDialogId(request.CallId!, localTag, request.From!.Tag ?? string.Empty))
            : null;
    }

    /// <summary>
    /// Runs call work from a transaction timer on the pool: the timer holds the transaction's lock, and the
    /// call takes its own lock before the transaction's (ACK handling), so running inline could deadlock.
    /// </summary>
    private void Defer(Action work) => ThreadPool.UnsafeQueueUserWorkItem(static state =>
    {
        var (work, logger) = state;
        try
        {
            work();
        }
        catch (Exception e)
        {
            logger.LogError(e, "Deferred call work failed");
        }
    }, (work, _logger), preferLocal: false);

    void ISipTransactionUser.OnStrayResponse(SipInboundMessage response) =>
        _logger.LogDebug("Stray response {StartLine} from {Remote}", response.Message.StartLine, response.Remote);

    /// <summary>Sends an in-dialog request on its own client transaction and observes the outcome.</summary>
    internal void SendInDialog(SipCall call, SipRequest request) => _ = SendInDialogAsync(call, request);

    /// <summary>Sends an in-dialog request; its final response, or null when it failed (timeout, transport).</summary>
    internal async Task<SipResponse?> SendInDialogAsync(SipCall call, SipRequest request)
    {
        try
        {
            var (destination, local) = await Requests.DialogRouteAsync(call.Dialog, call.InitialInvite?.Inbound.Local, _stop.Token).ConfigureAwait(false);
            var tx = Requests.Start(request, destination, local);
            var response = await tx.FinalResponse.ConfigureAwait(false);
            _logger.LogDebug("Call {CallId}: {Method} answered {Status}", call.CallId, request.Method, response.StatusCode);
            return response;
        }
        catch (Exception e)
        {
            _logger.LogInformation("Call {CallId}: {Method} failed: {Message}", call.CallId, request.Method, e.Message);
            return null;
        }
    }

    internal void OnCallEnded(SipCall call, CallEnded ended)
    {
        _calls.TryRemove(new KeyValuePair<SipDialogId, SipCall>(call.Dialog.Id, call));
        if (call.InitialInvite is { } invite) _callsByInvite.TryRemove(new KeyValuePair<ServerInviteTransaction, SipCall>(invite, call));
        _logger.LogInformation("Call {CallId} ended: {Cause} {Status}", call.CallId, ended.Cause, ended.StatusCode);
    }

    /// <summary>Stops taking calls, hangs up live ones, stops the loop and closes sockets.</summary>
    public async ValueTask DisposeAsync()
    {
        StopAcceptingCalls();
        await HangupAllAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        // Unregistering needs the processing loop for its responses, so it goes before the loop stops.
        await Task.WhenAll(_registrations.Select(r => r.StopAsync())).ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await Task.WhenAll(_handlers.Values).ConfigureAwait(false);
        await Transport.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
