namespace PhoneAgent.Sip.Transport;

/// <summary>
/// Lets one log call through per interval, so a flood of garbage cannot flood the log
/// (sipgo transport_udp.go does the same for parse errors).
/// </summary>
internal sealed class RateLimitedLog(TimeProvider timeProvider, TimeSpan interval)
{
    private long _nextAllowed;

    public void Log(Action write)
    {
        var now = timeProvider.GetTimestamp();
        var next = Interlocked.Read(ref _nextAllowed);
        if (now < next) return;
        var step = (long)(interval.TotalSeconds * timeProvider.TimestampFrequency);
        if (Interlocked.CompareExchange(ref _nextAllowed, now + step, next) == next) write();
    }
}
