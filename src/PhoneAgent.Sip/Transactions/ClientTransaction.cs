using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Transactions;

/// <summary>
/// A client transaction (RFC 3261 §17.1). Provisional responses go to <see cref="Provisional"/>; the
/// first final response completes <see cref="FinalResponse"/>, and a timeout or transport failure faults
/// it with a typed <see cref="SipTransactionException"/>.
/// </summary>
public abstract class ClientTransaction : SipTransaction
{
    private readonly TaskCompletionSource<SipResponse> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private protected ClientTransaction(string key, SipRequest request, SipDestination destination, TransactionContext context, Action<SipResponse>? provisional)
        : base(key, request, destination, context)
    {
        Provisional = provisional;
    }

    /// <summary>Called for each 1xx. Must only queue work (it runs under the transaction's lock).</summary>
    public Action<SipResponse>? Provisional { get; }

    /// <summary>The first final response.</summary>
    public Task<SipResponse> FinalResponse => _final.Task;

    internal abstract void Start();

    internal abstract void OnResponse(SipResponse response);

    private protected void ReportFinal(SipResponse response) => _final.TrySetResult(response);

    /// <summary>True while no final response has arrived (Calling/Trying or Proceeding).</summary>
    private protected abstract bool AwaitingFinal { get; }

    /// <summary>Moves the state machine to Terminated; false when it already was.</summary>
    private protected abstract bool MarkTerminated();

    /// <summary>RFC 3261 §17.1.4: a transport failure before the final response fails the transaction.</summary>
    private protected override void OnTransportError(Exception error)
    {
        if (AwaitingFinal) ReportFailure(TransactionFailure.Transport, error);
        Finish();
    }

    /// <summary>Ends the transaction once; a caller still waiting learns it was abandoned.</summary>
    private protected void Finish()
    {
        if (!MarkTerminated()) return;
        ReportFailure(TransactionFailure.Canceled);
        Terminate();
    }

    private protected void ReportFailure(TransactionFailure failure, Exception? inner = null) =>
        _final.TrySetException(new SipTransactionException(failure, $"{Request.Method} transaction {failure}", inner));
}
