using System.Collections.Concurrent;
using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>
/// A call handler for tests: records every call and its events, and can make the bot hang up once a call
/// is answered (for BYE-from-the-bot scenarios).
/// </summary>
public sealed class RecordingCallHandler : ISipCallHandler
{
    private readonly ConcurrentQueue<SipCall> _calls = new();
    private readonly ConcurrentDictionary<SipCall, ConcurrentQueue<SipCallEvent>> _events = new();
    private readonly ConcurrentDictionary<SipCall, TaskCompletionSource> _drained = new();
    private readonly TaskCompletionSource<SipCall> _firstCall = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, the bot hangs up as soon as the call is answered (ACK received).</summary>
    public bool HangUpWhenAnswered { get; init; }

    /// <summary>Calls seen so far.</summary>
    public IReadOnlyCollection<SipCall> Calls => _calls.ToArray();

    /// <summary>Completes with the first call.</summary>
    public Task<SipCall> FirstCall => _firstCall.Task;

    /// <summary>Events of a call in order.</summary>
    public IReadOnlyList<SipCallEvent> EventsOf(SipCall call) => _events.TryGetValue(call, out var q) ? q.ToArray() : [];

    /// <summary>Completes when every event of the call, the last included, has been recorded.</summary>
    public Task EventsDrained(SipCall call) => Drained(call).Task;

    private TaskCompletionSource Drained(SipCall call) =>
        _drained.GetOrAdd(call, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <inheritdoc />
    public async Task HandleCallAsync(SipCall call, CancellationToken cancellationToken)
    {
        var events = _events.GetOrAdd(call, _ => new ConcurrentQueue<SipCallEvent>());
        _calls.Enqueue(call);
        _firstCall.TrySetResult(call);
        await foreach (var e in call.Events.ReadAllAsync(CancellationToken.None))
        {
            events.Enqueue(e);
            if (e is CallAnswered && HangUpWhenAnswered) await call.HangupAsync();
        }
        Drained(call).TrySetResult();
    }
}
