using System.Diagnostics;
using System.Net.Sockets;

namespace PhoneAgent.MediaLoad;

/// <summary>
/// One thread that sends every call's packets on a drift-free schedule: packet <c>k</c> of call <c>i</c> of
/// <c>n</c> is due at <c>start + k·period + i·period/n</c>, so the calls' streams are spread evenly over the period as
/// independent callers' would be, and a late wake-up sends what fell due without shifting anything after it.
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
                try
                {
                    stream.Lane.Socket.SendTo(stream.NextPacket(), SocketFlags.None, stream.BotAddress);
                }
                catch (SocketException)
                {
                    SendErrors++;
                }

                next++;
            }

            // Linux sleeps about 1.1 ms for 1 ms, so packets leave at most that late: far below the 20 ms period.
            Thread.Sleep(1);
        }
    }
}
