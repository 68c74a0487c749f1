using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transactions;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Tests.Transactions;

/// <summary>
/// An <see cref="ISipMessageSender"/> that records every send with its virtual time. Setting
/// <see cref="FailWith"/> makes sends fail the way <see cref="SipTransportLayer.SendAsync"/> does: an async
/// method whose socket call throws returns an already-faulted task, or with <see cref="ThrowSynchronously"/>
/// the way a plain method would, by throwing. <see cref="Hold"/> leaves sends pending so
/// a test can fail them later (a TCP write that breaks after the caller moved on).
/// </summary>
internal sealed class RecordingSender(TimeProvider time) : ISipMessageSender
{
    private readonly long _start = time.GetTimestamp();
    private readonly List<TaskCompletionSource> _held = [];

    public List<SentMessage> Sent { get; } = [];

    public Exception? FailWith { get; set; }

    public bool ThrowSynchronously { get; set; }

    public bool Hold { get; set; }

    public Task SendAsync(SipMessage message, SipDestination destination, CancellationToken cancellationToken = default)
    {
        Sent.Add(new SentMessage(message, destination, time.GetElapsedTime(_start)));
        if (FailWith is not null) return ThrowSynchronously ? throw FailWith : Task.FromException(FailWith);
        if (!Hold) return Task.CompletedTask;
        var pending = new TaskCompletionSource();
        _held.Add(pending);
        return pending.Task;
    }

    /// <summary>Fails every held send; their continuations run inline, before this returns.</summary>
    public void FailHeld(Exception error)
    {
        // Under xUnit's SynchronizationContext the runtime will not inline await continuations and posts
        // them to the thread pool instead; without a context they run here, so the test stays deterministic.
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            foreach (var pending in _held) pending.SetException(error);
            _held.Clear();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    public IEnumerable<SipRequest> Requests(string method) =>
        Sent.Select(s => s.Message).OfType<SipRequest>().Where(r => r.Method == method);

    public IEnumerable<SipResponse> Responses(int statusCode) =>
        Sent.Select(s => s.Message).OfType<SipResponse>().Where(r => r.StatusCode == statusCode);

    /// <summary>Virtual instants (since the sender was created) at which requests of a method were sent.</summary>
    public TimeSpan[] RequestTimes(string method) =>
        Sent.Where(s => s.Message is SipRequest r && r.Method == method).Select(s => s.At).ToArray();

    /// <summary>Virtual instants at which responses with a status code were sent.</summary>
    public TimeSpan[] ResponseTimes(int statusCode) =>
        Sent.Where(s => s.Message is SipResponse r && r.StatusCode == statusCode).Select(s => s.At).ToArray();
}
