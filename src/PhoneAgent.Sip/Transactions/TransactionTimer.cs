namespace PhoneAgent.Sip.Transactions;

/// <summary>One named RFC 3261 timer on an injected <see cref="TimeProvider"/> (no polling thread, STYLE §4).</summary>
internal sealed class TransactionTimer(TimeProvider timeProvider, Action onFire) : IDisposable
{
    private ITimer? _timer;

    /// <summary>The interval the timer was last started with (Timers A, E and G double it).</summary>
    public TimeSpan Interval { get; private set; }

    public void Start(TimeSpan due)
    {
        Interval = due;
        _timer ??= timeProvider.CreateTimer(static s => ((Action)s!)(), onFire, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    public void Stop() => _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
