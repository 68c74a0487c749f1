namespace PhoneAgent.Sip.Transactions;

/// <summary>One named RFC 3261 timer on an injected <see cref="TimeProvider"/> (no polling thread, STYLE §4).</summary>
internal sealed class TransactionTimer(TimeProvider timeProvider, Action onFire) : IDisposable
{
    private ITimer? _timer;
    private bool _disposed;

    /// <summary>The interval the timer was last started with (Timers A, E and G double it).</summary>
    public TimeSpan Interval { get; private set; }

    /// <summary>
    /// Arms the timer. After <see cref="Dispose"/> it does nothing: a send that fails at once terminates the
    /// transaction inside the very transition that goes on to start a timer, and Terminated has no timers
    /// (RFC 3261 §17.1.4, §17.2.4), so that start must not create a new one.
    /// </summary>
    public void Start(TimeSpan due)
    {
        if (_disposed) return;
        Interval = due;
        _timer ??= timeProvider.CreateTimer(static s => ((Action)s!)(), onFire, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    public void Stop() => _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _disposed = true;
        _timer?.Dispose();
        _timer = null;
    }
}
