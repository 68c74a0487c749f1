using PhoneAgent.Testing.Net;
using System.Diagnostics;

namespace PhoneAgent.MediaLoad;

/// <summary>
/// One thread that sends every call's packets on a drift-free schedule: packet <c>k</c> of call <c>i</c> of
/// <c>n</c> is due at <c>start + k·period + i·period/n</c>, so the calls' streams are spread evenly over the period as
/// independent callers' would be, and a late wake-up sends what fell due without shifting anything after it. The
/// packets due at one wake-up leave in one sendmmsg(2) per lane socket rather than one sendto each.
/// </summary>
internal sealed class CallerSender(IReadOnlyList<CallerStream> streams, TimeSpan period)
{
    private Thread? _thread;
    private volatile bool _stopping;
    private int _tid;

    /// <summary>Sends that failed (the kernel refused the datagram).</summary>
    public long SendErrors { get; private set; }

    /// <summary>The send thread's kernel id, for its CPU time; valid once <see cref="Start"/> has returned.</summary>
    public int ThreadId => Volatile.Read(ref _tid);

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "caller-send" };
        _thread.Start();
        SpinWait.SpinUntil(() => Volatile.Read(ref _tid) != 0);
    }

    /// <summary>Stops sending and waits for the thread, so that no send is in flight afterwards.</summary>
    public void Stop()
    {
        _stopping = true;
        _thread?.Join();
    }

    private void Run()
    {
        Volatile.Write(ref _tid, ProcStat.CurrentThreadId());
        using var batch = new MessageBatch();
        CallerLane? batchLane = null;
        var n = streams.Count;
        var periodTicks = period.TotalSeconds * Stopwatch.Frequency;
        var start = Stopwatch.GetTimestamp();
        long next = 0;
        while (!_stopping)
        {
            var now = Stopwatch.GetTimestamp();
            while (!_stopping)
            {
                var call = (int)(next % n);
                var due = start + (long)(((next / n) + ((double)call / n)) * periodTicks);
                if (due > now) break;
                var stream = streams[call];

                // Consecutive calls share a lane, so a batch fills before the lane changes.
                if (stream.Lane != batchLane || batch.Count == MessageBatch.Capacity)
                {
                    if (batchLane is not null) SendErrors += batch.Send(batchLane.Socket);
                    batchLane = stream.Lane;
                }

                batch.Add(stream.NextPacket(), stream.BotAddress);

                next++;
            }

            if (batchLane is not null) SendErrors += batch.Send(batchLane.Socket);

            // Linux sleeps about 1.1 ms for 1 ms, so packets leave at most that late: far below the 20 ms period.
            Thread.Sleep(1);
        }
    }
}
