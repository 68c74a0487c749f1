namespace PhoneAgent.Integration.Tests.Host;

/// <summary>
/// Waits for a condition observed from outside a child process (an HTTP answer, a file on disk), which has no
/// event to await: it re-checks every 50 ms and fails with the last observation after the bound.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Returns the first value of <paramref name="probe"/> that satisfies <paramref name="done"/>.</summary>
    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan bound, string what)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what} not reached within {bound.TotalSeconds} s; last: {value}");
            await Task.Delay(Interval);
        }
    }
}
