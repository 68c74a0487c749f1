using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Transactions;

/// <summary>RFC 3261 §17.2.2, Figure 8: the non-INVITE server transaction.</summary>
public sealed class ServerNonInviteTransaction : ServerTransaction
{
    private readonly TransactionTimer _timerJ;
    private State _state = State.Trying;

    internal ServerNonInviteTransaction(string key, SipInboundMessage inbound, TransactionContext context)
        : base(key, inbound, context)
    {
        _timerJ = CreateTimer(OnTimerJ);
    }

    private enum State { Trying, Proceeding, Completed, Terminated }

    /// <inheritdoc />
    public override void SendResponse(SipResponse response)
    {
        lock (Gate)
        {
            switch (_state)
            {
                case State.Trying or State.Proceeding when response.IsProvisional:
                    _state = State.Proceeding;
                    LastResponse = response;
                    Send(response);
                    break;
                case State.Trying or State.Proceeding:
                    _state = State.Completed;
                    LastResponse = response;
                    Send(response);
                    // Timer J: keep answering retransmissions for 64*T1 on UDP, none needed on TCP.
                    if (Reliable) Finish();
                    else _timerJ.Start(Timers.TransactionTimeout);
                    break;
                default:
                    // §17.2.2: responses from the TU in Completed are discarded.
                    break;
            }
        }
    }

    internal override void OnRetransmission()
    {
        lock (Gate)
        {
            // Trying absorbs; Proceeding and Completed resend the last response.
            if (_state is State.Proceeding or State.Completed && LastResponse is not null) Send(LastResponse);
        }
    }

    private void OnTimerJ()
    {
        if (_state == State.Completed) Finish();
    }

    private protected override void OnTransportError(Exception error) => Finish();

    private void Finish()
    {
        if (_state == State.Terminated) return;
        _state = State.Terminated;
        Terminate();
    }
}
