using Microsoft.Extensions.Logging;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Transactions;

/// <summary>
/// What every transaction shares: its key, the request, where messages go, the timers and the lock that
/// serialises inputs (messages from the transport, TU calls, timer callbacks) into the state machine.
/// </summary>
public abstract class SipTransaction
{
    private readonly List<TransactionTimer> _timers = [];
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private protected SipTransaction(string key, SipRequest request, SipDestination destination, TransactionContext context)
    {
        Key = key;
        Request = request;
        Destination = destination;
        Context = context;
    }

    /// <summary>The RFC 3261 §17.1.3/§17.2.3 matching key.</summary>
    public string Key { get; }

    /// <summary>The request that created the transaction.</summary>
    public SipRequest Request { get; }

    /// <summary>Where this transaction sends (requests for a client, responses for a server).</summary>
    public SipDestination Destination { get; }

    /// <summary>Completes when the transaction reaches Terminated.</summary>
    public Task Terminated => _terminated.Task;

    private protected TransactionContext Context { get; }

    private protected object Gate { get; } = new();

    private protected bool Reliable => Destination.Transport.IsReliable();

    private protected SipTimerOptions Timers => Context.Timers;

    private protected TransactionTimer CreateTimer(Action onFire)
    {
        var timer = new TransactionTimer(Context.TimeProvider, () =>
        {
            try
            {
                lock (Gate) onFire();
            }
            catch (Exception e)
            {
                // An exception out of a timer callback would end the process.
                Context.Logger.LogError(e, "Transaction {Key}: timer failed", Key);
            }
        });
        _timers.Add(timer);
        return timer;
    }

    /// <summary>Hands a message to the transport; a failure comes back as a transport error input.</summary>
    private protected void Send(SipMessage message)
    {
        Task send;
        try
        {
            send = Context.Sender.SendAsync(message, Destination);
        }
        catch (Exception e)
        {
            // A sender may throw instead of faulting its task. Thrown out of a timer callback that would
            // crash the process (STYLE §6), and out of StartClient it would strand the transaction in the
            // layer; it is a transport error like any other (RFC 3261 §17.1.4, §17.2.4).
            send = Task.FromException(e);
        }
        if (send.IsCompletedSuccessfully) return;
        _ = ObserveAsync(send);
    }

    private async Task ObserveAsync(Task send)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Context.Logger.LogDebug("Transaction {Key}: transport error {Message}", Key, e.Message);
            lock (Gate) OnTransportError(e);
        }
    }

    /// <summary>RFC 3261 §17.1.4/§17.2.4: a transport failure ends the transaction.</summary>
    private protected abstract void OnTransportError(Exception error);

    /// <summary>Stops every timer, removes the transaction from the layer and completes <see cref="Terminated"/>.</summary>
    private protected void Terminate()
    {
        foreach (var t in _timers) t.Dispose();
        Context.Remove(this);
        _terminated.TrySetResult();
    }
}
