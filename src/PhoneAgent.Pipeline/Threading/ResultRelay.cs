using System.Collections.Concurrent;

namespace PhoneAgent.Pipeline.Threading;

/// <summary>
/// One normal-priority thread that runs short hand-offs (completing a channel write, a task) for threads running
/// at a lowered priority. Those threads must never queue thread-pool work themselves: when the pool is short of
/// workers it creates one on the queueing thread, and a Linux thread inherits its creator's nice value, so a
/// lowered thread would leave the pool's new workers — the ones that run the calls' audio and SIP — lowered too.
/// Posting here only pulses a monitor, which creates no thread.
/// </summary>
internal sealed class ResultRelay
{
    private readonly BlockingCollection<Action> _work = [];

    private ResultRelay()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "speech result relay" };
        thread.UnsafeStart();
    }

    /// <summary>The process's relay (a background thread, started on first use, that lives as long as the process).</summary>
    public static ResultRelay Shared { get; } = new();

    /// <summary>
    /// Runs <paramref name="action"/> on the relay thread, after the actions posted before it. Only hand-offs that
    /// cannot throw are posted (TryWrite, TryComplete, TrySetResult): the relay serves every call.
    /// </summary>
    public void Post(Action action) => _work.Add(action);

    private void Run()
    {
        foreach (var action in _work.GetConsumingEnumerable()) action();
    }
}
