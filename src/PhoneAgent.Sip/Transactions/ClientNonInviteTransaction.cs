using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Transactions;

/// <summary>RFC 3261 §17.1.2, Figure 6: the non-INVITE client transaction.</summary>
public sealed class ClientNonInviteTransaction : ClientTransaction
{
    private readonly TransactionTimer _timerE;
    private readonly TransactionTimer _timerF;
    private readonly TransactionTimer _timerK;
    private State _state = State.Trying;

    internal ClientNonInviteTransaction(string key, SipRequest request, SipDestination destination, TransactionContext context, Action<SipResponse>? provisional)
        : base(key, request, destination, context, provisional)
    {
        _timerE = CreateTimer(OnTimerE);
        _timerF = CreateTimer(OnTimerF);
        _timerK = CreateTimer(Finish);
    }

    private enum State { Trying, Proceeding, Completed, Terminated }

    internal override void Start()
    {
        lock (Gate)
        {
            Send(Request);
            if (!Reliable) _timerE.Start(Timers.T1);
            _timerF.Start(Timers.TransactionTimeout);
        }
    }

    internal override void OnResponse(SipResponse response)
    {
        lock (Gate)
        {
            if (_state is not (State.Trying or State.Proceeding)) return;
            if (response.IsProvisional)
            {
                _state = State.Proceeding;
                Provisional?.Invoke(response);
                return;
            }
            _state = State.Completed;
            _timerE.Stop();
            _timerF.Stop();
            ReportFinal(response);
            // Timer K: absorb response retransmissions for T4 on UDP.
            if (Reliable) Finish();
            else _timerK.Start(Timers.T4);
        }
    }

    private void OnTimerE()
    {
        if (_state is not (State.Trying or State.Proceeding)) return;
        Send(Request);
        // §17.1.2.2: in Trying the interval doubles up to T2; in Proceeding it is T2.
        var next = _state == State.Proceeding ? Timers.T2 : _timerE.Interval * 2;
        _timerE.Start(next < Timers.T2 ? next : Timers.T2);
    }

    private void OnTimerF()
    {
        if (_state is not (State.Trying or State.Proceeding)) return;
        ReportFailure(TransactionFailure.Timeout);
        Finish();
    }

    private protected override bool AwaitingFinal => _state is State.Trying or State.Proceeding;

    private protected override bool MarkTerminated()
    {
        if (_state == State.Terminated) return false;
        _state = State.Terminated;
        return true;
    }
}
