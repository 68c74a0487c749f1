using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PhoneAgent.Sip.Dialogs;
using PhoneAgent.Sip.Media;
using PhoneAgent.Sip.Media.Rtp;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Sdp;
using PhoneAgent.Sip.Transactions;

namespace PhoneAgent.Sip.Calls;

/// <summary>
/// One call: inbound (the UAS side of an INVITE dialog) or dialled by us (the UAC side, confirmed before it is
/// created; see <see cref="SipUserAgent.DialAsync"/>). It exposes what the media and speech layers need —
/// the negotiated codec and payload types, the remote RTP endpoint, the bound RTP ports, ordered events and
/// a way to hang up — and keeps every signalling state change under one lock, with I/O started, not awaited.
/// </summary>
public sealed class SipCall
{
    private readonly object _gate = new();
    private readonly SipUserAgent _ua;
    private readonly ILogger _logger;
    private readonly SdpSession _sdp;
    private readonly Channel<SipCallEvent> _events = Channel.CreateUnbounded<SipCallEvent>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly TaskCompletionSource<CallEnded> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _ended = new();
    private ServerInviteTransaction? _pendingInvite;
    private bool _offerSentInOk;
    private bool _hangupAfterAck;
    private CallEndCause _hangupCause = CallEndCause.LocalHangup;
    private ITimer? _ringTimer;

    internal SipCall(SipUserAgent ua, ServerInviteTransaction invite, SipDialog dialog, RtpPortLease rtp, SdpSession sdp, SdpNegotiationResult? answer, ILogger logger)
    {
        _ua = ua;
        _logger = logger;
        _sdp = sdp;
        _pendingInvite = invite;
        InitialInvite = invite;
        Dialog = dialog;
        RtpPorts = rtp;
        if (answer is { IsAccepted: true }) Media = new CallMedia(answer.Audio, rtp.RtpEndPoint);
        _pendingAnswer = answer;
        _request = invite.Request;
    }

    /// <summary>An outbound call whose INVITE was answered and acknowledged: it starts <see cref="SipCallState.Active"/>.</summary>
    internal SipCall(SipUserAgent ua, SipRequest invite, SipDialog dialog, RtpPortLease rtp, SdpSession sdp, SdpNegotiatedAudio audio, ILogger logger)
    {
        _ua = ua;
        _logger = logger;
        _sdp = sdp;
        _request = invite;
        Direction = CallDirection.Outbound;
        Dialog = dialog;
        RtpPorts = rtp;
        State = SipCallState.Active;
        Media = new CallMedia(audio, rtp.RtpEndPoint);
        _events.Writer.TryWrite(new CallAnswered(Media));
    }

    private readonly SipRequest _request;

    private SdpNegotiationResult? _pendingAnswer;

    /// <summary>The Call-ID.</summary>
    public string CallId => Dialog.Id.CallId;

    /// <summary>The dialog (tags, route set, remote target).</summary>
    public SipDialog Dialog { get; }

    /// <summary>The INVITE transaction that created an inbound call; null for an outbound one.</summary>
    public ServerInviteTransaction? InitialInvite { get; }

    /// <summary>Whether the peer called us or we dialled.</summary>
    public CallDirection Direction { get; }

    /// <summary>Who called (From): the peer on an inbound call, the bot on an outbound one.</summary>
    public NameAddress Caller => _request.From!;

    /// <summary>Whom they called (To, as dialled).</summary>
    public NameAddress Callee => _request.To!;

    /// <summary>Current state.</summary>
    public SipCallState State { get; private set; } = SipCallState.Ringing;

    /// <summary>The negotiated audio stream; null until an offer/answer exchange completed.</summary>
    public CallMedia? Media { get; private set; }

    /// <summary>The bound RTP/RTCP sockets of this call.</summary>
    public RtpPortLease RtpPorts { get; }

    /// <summary>Events in the order they happened; completes after <see cref="CallEnded"/>.</summary>
    public ChannelReader<SipCallEvent> Events => _events.Reader;

    /// <summary>Completes when the call is over, with why.</summary>
    public Task<CallEnded> Completion => _completion.Task;

    /// <summary>Cancelled when the call ends.</summary>
    public CancellationToken EndedToken => _ended.Token;

    /// <summary>Hangs up: 480 before answer, BYE once confirmed (after the ACK if the 200 is still unacknowledged, RFC 3261 §15).</summary>
    /// <param name="cause">
    /// Why the bot hangs up, as <see cref="CallEnded.Cause"/> will report it: <see cref="CallEndCause.LocalHangup"/>, or
    /// for example <see cref="CallEndCause.MediaTimeout"/> when the media layer found the RTP path dead.
    /// </param>
    public Task<CallEnded> HangupAsync(CallEndCause cause = CallEndCause.LocalHangup)
    {
        lock (_gate)
        {
            switch (State)
            {
                case SipCallState.Ringing:
                    var decline = Respond(_pendingInvite!, 480, "Temporarily Unavailable");
                    End(cause, decline.StatusCode);
                    break;
                case SipCallState.Answering:
                    _hangupAfterAck = true;
                    _hangupCause = cause;
                    break;
                case SipCallState.Active:
                    SendBye();
                    End(cause);
                    break;
            }
        }
        return Completion;
    }

    /// <summary>
    /// Blind transfer (RFC 3515): REFER to <paramref name="target"/>, then the caller's NOTIFYs until its new call
    /// succeeds, when the bot hangs up (<see cref="CallEndCause.Transferred"/>) and the result is true. A refused
    /// REFER, a failure report or no outcome within <paramref name="timeout"/> (30 s by default) leaves the call up.
    /// </summary>
    public Task<bool> TransferAsync(SipUri target, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        CallTransfer.RunAsync(this, _ua, target, timeout ?? TimeSpan.FromSeconds(30), _logger, cancellationToken);

    /// <summary>The transfer under way, if any; read and written under <see cref="Locked"/>.</summary>
    internal ReferSubscription? Transfer { get; set; }

    /// <summary>Runs <paramref name="action"/> under the call's lock, which guards the dialog and every state change.</summary>
    internal T Locked<T>(Func<SipCall, T> action)
    {
        lock (_gate) return action(this);
    }

    internal void Start(TimeSpan ringingTime, TimeProvider timeProvider)
    {
        lock (_gate)
        {
            if (ringingTime <= TimeSpan.Zero)
            {
                Answer();
                return;
            }
            var ringing = _ua.Responses.Create(InitialInvite!, 180, Dialog.Id.LocalTag);
            InitialInvite!.SendResponse(ringing);
            _ringTimer = timeProvider.CreateTimer(static s => ((SipCall)s!).OnRingingElapsed(), this, ringingTime, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnRingingElapsed()
    {
        try
        {
            lock (_gate) Answer();
        }
        catch (Exception e)
        {
            // An exception out of a timer callback would end the process.
            _logger.LogError(e, "Call {CallId}: answering failed", CallId);
        }
    }

    private void Answer()
    {
        if (State != SipCallState.Ringing) return;
        State = SipCallState.Answering;
        SendSuccess(InitialInvite!, _pendingAnswer);
        _pendingAnswer = null;
    }

    /// <summary>Sends a 2xx for an INVITE/UPDATE with our answer, or with our offer when theirs was absent (RFC 3261 §13.2.1).</summary>
    private void SendSuccess(ServerTransaction tx, SdpNegotiationResult? answer)
    {
        var ok = _ua.Responses.Create(tx, 200, Dialog.Id.LocalTag);
        _ua.Responses.AddCapabilities(ok);
        if (answer is null)
        {
            ok.Body = _sdp.CreateOffer().ToUtf8Bytes();
            _offerSentInOk = tx.Request.Method == SipMethods.Invite;
        }
        else
        {
            ok.Body = answer.AnswerBytes;
        }
        ok.Headers.Add(HeaderNames.ContentType, "application/sdp");
        tx.SendResponse(ok);
    }

    internal void OnAck(SipRequest ack)
    {
        lock (_gate)
        {
            if (_pendingInvite is null || ack.CSeq!.Number != _pendingInvite.Request.CSeq!.Number) return;
            _pendingInvite.AcknowledgeSuccess();
            var wasInitial = State == SipCallState.Answering;
            _pendingInvite = null;
            if (_offerSentInOk)
            {
                _offerSentInOk = false;
                // RFC 3261 §13.2.1: after an offer in our 2xx, the ACK carries the answer.
                if (!ApplyAnswerFromAck(ack)) return;
            }
            if (wasInitial)
            {
                State = SipCallState.Active;
                if (Media is not null) _events.Writer.TryWrite(new CallAnswered(Media));
                if (_hangupAfterAck)
                {
                    SendBye();
                    End(_hangupCause);
                }
            }
        }
    }

    private bool ApplyAnswerFromAck(SipRequest ack)
    {
        var result = SessionDescription.TryParse(ack.Body.Span, out var answer, out _) ? _sdp.ProcessAnswer(answer) : null;
        if (result is { IsAccepted: true })
        {
            UpdateMedia(result.Audio, announce: State == SipCallState.Active);
            return true;
        }
        _logger.LogInformation("Call {CallId}: ACK carried no usable SDP answer; hanging up", CallId);
        State = SipCallState.Active;
        SendBye();
        End(CallEndCause.LocalHangup);
        return false;
    }

    /// <summary>Shutdown ran out of patience: end whatever is left, under the call's lock like every other change.</summary>
    internal void EndForShutdown()
    {
        lock (_gate)
        {
            if (State == SipCallState.Ended) return;
            // A ringing caller gets a final response rather than a transaction left waiting (RFC 3261 §13.3.1).
            if (State == SipCallState.Ringing) Respond(InitialInvite!, 503, "Shutting Down");
            End(CallEndCause.Shutdown);
        }
    }

    /// <summary>The caller's flow failed before the call was confirmed (RFC 3261 §17.2.4): nothing can reach it.</summary>
    internal void OnTransportFailure()
    {
        lock (_gate)
        {
            if (State is SipCallState.Ringing or SipCallState.Answering) End(CallEndCause.TransportFailure);
        }
    }

    /// <summary>CANCEL for the initial INVITE (RFC 3261 §9.2): 487 if still ringing.</summary>
    internal void OnCancel()
    {
        lock (_gate)
        {
            if (State != SipCallState.Ringing) return;
            Respond(InitialInvite!, 487);
            End(CallEndCause.Cancelled, 487);
        }
    }

    /// <summary>The 2xx of an INVITE was never acknowledged (RFC 3261 §13.3.1.4): BYE and end.</summary>
    internal void OnNoAck()
    {
        lock (_gate)
        {
            if (State == SipCallState.Ended) return;
            State = SipCallState.Active;
            SendBye();
            End(CallEndCause.NoAck);
        }
    }

    /// <summary>An in-dialog request (To tag matched this dialog).</summary>
    internal void OnRequest(ServerTransaction tx)
    {
        lock (_gate)
        {
            var request = tx.Request;
            if (State == SipCallState.Ended)
            {
                Respond(tx, 481);
                return;
            }
            if (!Dialog.TryAcceptRemoteSequence(request))
            {
                // RFC 3261 §12.2.2: a lower CSeq is out of order.
                Respond(tx, 500, "CSeq Out of Order");
                return;
            }
            switch (request.Method)
            {
                case SipMethods.Bye:
                    Respond(tx, 200);
                    // §15.1.2: a BYE before our 2xx was acknowledged still ends the INVITE with 487 if unanswered.
                    if (State == SipCallState.Ringing) Respond(InitialInvite!, 487);
                    End(CallEndCause.RemoteHangup);
                    break;
                case SipMethods.Invite:
                    OnReInvite(tx);
                    break;
                case SipMethods.Update:
                    OnUpdate(tx);
                    break;
                case SipMethods.Options:
                    var ok = _ua.Responses.Create(tx, 200, Dialog.Id.LocalTag);
                    _ua.Responses.AddCapabilities(ok);
                    tx.SendResponse(ok);
                    break;
                case SipMethods.Info:
                    OnInfo(tx);
                    break;
                case SipMethods.Notify:
                    // RFC 3515 §2.4.4: progress of our REFER; RFC 6665 §4.1.3: 481 for a subscription we do not hold.
                    Respond(tx, Transfer?.OnNotify(request) ?? 481);
                    break;
                default:
                    _ua.Responses.RespondUnsupportedMethod(tx);
                    break;
            }
        }
    }

    /// <summary>
    /// Legacy DTMF over INFO (no Info-Package, RFC 6086 §9 keeps it working): a key press becomes an event;
    /// an empty INFO is a keep-alive; any other body is refused with 415 and what we accept.
    /// </summary>
    private void OnInfo(ServerTransaction tx)
    {
        var request = tx.Request;
        if (request.Body.IsEmpty)
        {
            Respond(tx, 200);
            return;
        }
        if (DtmfInfoParser.TryParse(request.ContentType ?? string.Empty, request.Body.Span, out var digit))
        {
            Respond(tx, 200);
            _events.Writer.TryWrite(new CallDtmfReceived(digit));
            return;
        }
        var refused = _ua.Responses.Create(tx, 415, Dialog.Id.LocalTag);
        refused.Headers.Add(HeaderNames.Accept, "application/dtmf-relay, application/dtmf");
        tx.SendResponse(refused);
    }

    private void OnReInvite(ServerTransaction tx)
    {
        if (State != SipCallState.Active)
        {
            // RFC 3261 §14.2: an INVITE while our 2xx to the first one is unacknowledged → 500 with Retry-After.
            RespondRetryLater(tx, "Previous INVITE Pending");
            return;
        }
        if (_pendingInvite is not null)
        {
            // §14.2: an INVITE while another re-INVITE transaction is in progress gets 491.
            Respond(tx, 491);
            return;
        }
        if (!TryAnswerOffer(tx, out var answer)) return;
        Dialog.Refresh(tx.Inbound);
        _pendingInvite = (ServerInviteTransaction)tx;
        SendSuccess(tx, answer);
    }

    private void OnUpdate(ServerTransaction tx)
    {
        if (!tx.Request.Body.IsEmpty && State == SipCallState.Ringing)
        {
            // RFC 3311 §5.2: an offer while our answer to the INVITE's offer is not yet sent → 500 + Retry-After.
            RespondRetryLater(tx, "Answer Pending");
            return;
        }
        if (!tx.Request.Body.IsEmpty && _offerSentInOk)
        {
            // §5.2: an offer while our own offer awaits its answer (in the ACK) → 491.
            Respond(tx, 491);
            return;
        }
        // RFC 3311 §5.2: UPDATE without a body is a session refresh; with one it is an offer.
        if (tx.Request.Body.IsEmpty)
        {
            Respond(tx, 200);
            return;
        }
        if (!TryAnswerOffer(tx, out var answer)) return;
        Dialog.Refresh(tx.Inbound);
        SendSuccess(tx, answer);
    }

    /// <summary>Answers a mid-call offer; on failure responds 400/488 and leaves the session as it was (RFC 3261 §14.2).</summary>
    private bool TryAnswerOffer(ServerTransaction tx, out SdpNegotiationResult? answer)
    {
        answer = null;
        var body = tx.Request.Body;
        if (body.IsEmpty) return true;
        if (!SessionDescription.TryParse(body.Span, out var offer, out var error))
        {
            Respond(tx, 400, "Bad SDP: " + error.Reason);
            return false;
        }
        answer = _sdp.CreateAnswer(offer);
        if (answer.IsAccepted)
        {
            UpdateMedia(answer.Audio, announce: true);
            return true;
        }
        var rejected = _ua.Responses.Create(tx, 488, Dialog.Id.LocalTag);
        rejected.Headers.Add(HeaderNames.Warning, _ua.Responses.IncompatibleMediaWarning(answer.Failure));
        tx.SendResponse(rejected);
        return false;
    }

    private void UpdateMedia(SdpNegotiatedAudio audio, bool announce)
    {
        var previous = Media;
        Media = new CallMedia(audio, RtpPorts.RtpEndPoint);
        if (!announce) return;
        SipCallEvent e = (previous?.IsOnHold, Media.IsOnHold) switch
        {
            (not true, true) => new CallHeld(Media),
            (true, false) => new CallResumed(Media),
            _ => new CallMediaChanged(Media),
        };
        _events.Writer.TryWrite(e);
    }

    /// <summary>500 with a Retry-After of 0–10 s, which RFC 3261 §14.2 and RFC 3311 §5.2 ask for glare with our own exchange.</summary>
    private void RespondRetryLater(ServerTransaction tx, string reason)
    {
        var response = _ua.Responses.Create(tx, 500, Dialog.Id.LocalTag, reason);
        response.Headers.Add(HeaderNames.RetryAfter, Random.Shared.Next(0, 11).ToString(System.Globalization.CultureInfo.InvariantCulture));
        tx.SendResponse(response);
    }

    private SipResponse Respond(ServerTransaction tx, int code, string? reason = null)
    {
        var response = _ua.Responses.Create(tx, code, Dialog.Id.LocalTag, reason);
        tx.SendResponse(response);
        return response;
    }

    private void SendBye() => _ua.SendInDialog(this, Dialog.CreateRequest(SipMethods.Bye));

    /// <summary>Ends the call once: last event, completion, RTP ports released, removed from the user agent.</summary>
    internal void End(CallEndCause cause, int? statusCode = null)
    {
        if (State == SipCallState.Ended && _completion.Task.IsCompleted) return;
        State = SipCallState.Ended;
        _ringTimer?.Dispose();
        var ended = new CallEnded(cause, statusCode);
        _events.Writer.TryWrite(ended);
        _events.Writer.TryComplete();
        _ua.OnCallEnded(this, ended);
        _completion.TrySetResult(ended);
        // Handler callbacks registered on the token run on the pool, never on a socket or timer thread.
        _ = _ended.CancelAsync();
    }
}
