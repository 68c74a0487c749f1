namespace PhoneAgent.Pipeline.Tests.Conversation.Fakes;

/// <summary>Pulsed by every fake when something changes, so that tests wait for a condition instead of sleeping.</summary>
public sealed class Signal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next
    {
        get { lock (_gate) return _next.Task; }
    }

    public void Pulse()
    {
        TaskCompletionSource current;
        lock (_gate)
        {
            current = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        current.TrySetResult();
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails after a bounded real-time wait.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var next = Next;
            if (condition()) return;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"Timed out waiting for {what}");
            await Task.WhenAny(next, Task.Delay(left > TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : left));
        }
    }
}
