using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Transactions;

/// <summary>
/// RFC 3261 §17.1.1, Figure 5, with the RFC 6026 Accepted state: after a 2xx the transaction lingers for
/// Timer M (64*T1) and passes every 2xx retransmission to the TU, which re-sends its ACK.
/// The ACK for a non-2xx final response is built and sent here (§17.1.1.3).
/// </summary>
public sealed class ClientInviteTransaction : ClientTransaction
{
    private readonly TransactionTimer _timerA;
    private readonly TransactionTimer _timerB;
    private readonly TransactionTimer _timerD;
    private readonly TransactionTimer _timerM;
    private readonly Action<SipResponse>? _retransmitted2xx;
    private SipRequest? _ack;
    private State _state = State.Calling;

    internal ClientInviteTransaction(string key, SipRequest request, SipDestination destination, TransactionContext context, Action<SipResponse>? provisional, Action<SipResponse>? retransmitted2xx)
        : base(key, request, destination, context, provisional)
    {
        _retransmitted2xx = retransmitted2xx;
        _timerA = CreateTimer(OnTimerA);
        _timerB = CreateTimer(OnTimerB);
        _timerD = CreateTimer(Finish);
        _timerM = CreateTimer(Finish);
    }

    private enum State { Calling, Proceeding, Accepted, Completed, Terminated }

    internal override void Start()
    {
        lock (Gate)
        {
            Send(Request);
            if (!Reliable) _timerA.Start(Timers.T1);
            _timerB.Start(Timers.TransactionTimeout);
        }
    }

    internal override void OnResponse(SipResponse response)
    {
        lock (Gate)
        {
            switch (_state)
            {
                case State.Calling or State.Proceeding when response.IsProvisional:
                    _state = State.Proceeding;
                    _timerA.Stop();
                    // Figure 5: Timer B guards Calling only; in Proceeding the TU decides (CANCEL).
                    _timerB.Stop();
                    Provisional?.Invoke(response);
                    break;
                case State.Calling or State.Proceeding when response.IsSuccess:
                    _state = State.Accepted;
                    _timerA.Stop();
                    _timerB.Stop();
                    _timerM.Start(Timers.TransactionTimeout);
                    ReportFinal(response);
                    break;
                case State.Calling or State.Proceeding:
                    _state = State.Completed;
                    _timerA.Stop();
                    _timerB.Stop();
                    _ack = BuildAck(response);
                    // §17.1.1.2: the response goes to the TU whatever becomes of the ACK, so report it before
                    // a send that fails at once can end the transaction.
                    ReportFinal(response);
                    Send(_ack);
                    // Timer D: keep answering retransmitted finals with ACK, at least 32 s on UDP.
                    if (Reliable) Finish();
                    else _timerD.Start(Timers.TimerD);
                    break;
                case State.Accepted when response.IsSuccess:
                    _retransmitted2xx?.Invoke(response);
                    break;
                case State.Completed when !response.IsProvisional && _ack is not null:
                    Send(_ack);
                    break;
            }
        }
    }

    /// <summary>
    /// RFC 3261 §17.1.1.3: same Request-URI, Call-ID, From, CSeq number and top Via (so same branch) as
    /// the INVITE, To from the response, and the INVITE's Route headers.
    /// </summary>
    private SipRequest BuildAck(SipResponse response)
    {
        var ack = new SipRequest(SipMethods.Ack, Request.RequestUri);
        ack.Headers.Add(HeaderNames.Via, Request.TopVia!.ToString());
        ack.Headers.Add(HeaderNames.MaxForwards, "70");
        ack.Headers.CopyFrom(Request.Headers, HeaderNames.Route);
        ack.Headers.CopyFrom(Request.Headers, HeaderNames.From);
        ack.Headers.CopyFrom(response.Headers, HeaderNames.To);
        ack.Headers.CopyFrom(Request.Headers, HeaderNames.CallId);
        ack.Headers.Add(HeaderNames.CSeq, new CSeqHeader(Request.CSeq!.Number, SipMethods.Ack).ToString());
        return ack;
    }

    private void OnTimerA()
    {
        if (_state != State.Calling) return;
        Send(Request);
        // §17.1.1.2: Timer A doubles without the T2 cap that applies to non-INVITE.
        _timerA.Start(_timerA.Interval * 2);
    }

    private void OnTimerB()
    {
        if (_state != State.Calling) return;
        ReportFailure(TransactionFailure.Timeout);
        Finish();
    }

    private protected override bool AwaitingFinal => _state is State.Calling or State.Proceeding;

    private protected override bool MarkTerminated()
    {
        if (_state == State.Terminated) return false;
        _state = State.Terminated;
        return true;
    }
}
