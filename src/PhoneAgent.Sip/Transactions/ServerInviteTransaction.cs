using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Transactions;

/// <summary>
/// RFC 3261 §17.2.1, Figure 7, with the RFC 6026 Accepted state. RFC 3261 §13.3.1.4 gives retransmission
/// of a 2xx to the UAS core; we run it here, in Accepted, because Timer L (64*T1) is exactly the core's
/// wait for the ACK — one owner for one timer. The TU reports the 2xx ACK with <see cref="AcknowledgeSuccess"/>.
/// </summary>
public sealed class ServerInviteTransaction : ServerTransaction
{
    private readonly TransactionTimer _timerG;
    private readonly TransactionTimer _timerH;
    private readonly TransactionTimer _timerI;
    private readonly TransactionTimer _timerL;
    private readonly Action<ServerInviteTransaction, bool> _onNoAck;
    private readonly Action<ServerInviteTransaction> _onTransportFailure;
    private State _state = State.Proceeding;
    private bool _successAcknowledged;

    internal ServerInviteTransaction(string key, SipInboundMessage inbound, TransactionContext context, Action<ServerInviteTransaction, bool> onNoAck, Action<ServerInviteTransaction> onTransportFailure)
        : base(key, inbound, context)
    {
        _onNoAck = onNoAck;
        _onTransportFailure = onTransportFailure;
        _timerG = CreateTimer(OnTimerG);
        _timerH = CreateTimer(OnTimerH);
        _timerI = CreateTimer(Finish);
        _timerL = CreateTimer(OnTimerL);
    }

    private enum State { Proceeding, Accepted, Completed, Confirmed, Terminated }

    /// <inheritdoc />
    public override void SendResponse(SipResponse response)
    {
        lock (Gate)
        {
            if (_state != State.Proceeding) return;
            LastResponse = response;
            if (response.IsSuccess)
            {
                // RFC 6026 §7.1: Accepted absorbs INVITE retransmissions and lets ACKs through to the TU.
                _state = State.Accepted;
                _timerG.Start(Timers.T1);
                _timerL.Start(Timers.TransactionTimeout);
            }
            else if (!response.IsProvisional)
            {
                _state = State.Completed;
                if (!Reliable) _timerG.Start(Timers.T1);
                _timerH.Start(Timers.TransactionTimeout);
            }
            // Send after the transition: a send that fails at once re-enters through OnTransportError, which
            // must see the state this response led to (§17.2.4), e.g. Accepted, where a lost 2xx kills the dialog.
            Send(response);
        }
    }

    /// <summary>The TU saw the ACK for our 2xx: stop retransmitting it (RFC 3261 §13.3.1.4).</summary>
    public void AcknowledgeSuccess()
    {
        lock (Gate)
        {
            _successAcknowledged = true;
            _timerG.Stop();
        }
    }

    internal override void OnRetransmission()
    {
        lock (Gate)
        {
            // Proceeding resends the last provisional, Completed the final; Accepted absorbs (RFC 6026 §7.1).
            if (_state is State.Proceeding or State.Completed && LastResponse is not null) Send(LastResponse);
        }
    }

    /// <summary>An ACK with this transaction's branch: for a non-2xx it completes the handshake here.</summary>
    /// <returns>True when the ACK belongs to the TU (it acknowledges a 2xx).</returns>
    internal bool OnAck()
    {
        lock (Gate)
        {
            switch (_state)
            {
                case State.Completed:
                    _state = State.Confirmed;
                    _timerG.Stop();
                    _timerH.Stop();
                    // Timer I absorbs further ACK retransmissions for T4 on UDP.
                    if (Reliable) Finish();
                    else _timerI.Start(Timers.T4);
                    return false;
                case State.Accepted:
                    return true;
                default:
                    return false;
            }
        }
    }

    private void OnTimerG()
    {
        if (_state is not (State.Completed or State.Accepted) || LastResponse is null) return;
        if (_state == State.Accepted && _successAcknowledged) return;
        Send(LastResponse);
        var next = _timerG.Interval * 2;
        _timerG.Start(next < Timers.T2 ? next : Timers.T2);
    }

    private void OnTimerH()
    {
        if (_state != State.Completed) return;
        // §17.2.1: no ACK for our error response; the TU only needs to know for logging.
        _onNoAck(this, false);
        Finish();
    }

    private void OnTimerL()
    {
        if (_state != State.Accepted) return;
        // §13.3.1.4: no ACK for the 2xx within 64*T1 — the UAS core must end the dialog with BYE.
        if (!_successAcknowledged) _onNoAck(this, true);
        Finish();
    }

    private protected override void OnTransportError(Exception error)
    {
        // §17.2.4: the TU learns of the failure. An unacknowledgeable 2xx means the dialog is dead; a failure
        // before any final response means the caller's flow is gone and nothing more can reach it.
        if (_state == State.Accepted && !_successAcknowledged) _onNoAck(this, true);
        else if (_state == State.Proceeding) _onTransportFailure(this);
        Finish();
    }

    private void Finish()
    {
        if (_state == State.Terminated) return;
        _state = State.Terminated;
        Terminate();
    }
}
