using System.Collections.Concurrent;
using PhoneAgent.Pipeline.Threading;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// A few lowered-priority threads, one per core, that decode every pocketsphinx stream of the process: a stream with
/// work waits in a queue and one worker at a time runs it (<see cref="IDecodingJob"/>). Streams whose utterance has
/// ended (a Flush is waiting) go first, oldest first; the others take turns in arrival order.
/// </summary>
/// <remarks>
/// <para>
/// A thread per stream (what this replaced) let the kernel share the cores fairly among all calls' decoders, so at 50
/// conversing calls a caller whose turn had just ended waited behind every other call's partial decoding for its
/// final transcript: voice-to-voice p50 2.4 s while the bot used 1.6 of 2 cores (bench/conversation). The final is
/// the only result a turn waits for, so it is served first, with everything its stream has waiting; other streams
/// decode up to half a second of their backlog per run and go to the back of the queue (bench/PhoneAgent.SphinxBench
/// --streams; docs/PERFORMANCE.md, "One decoding thread per core").
/// </para>
/// <para>
/// Workers are created once per nice increment and live as long as the process, like <see cref="ResultRelay"/>; a
/// Linux thread's nice value can be lowered but not raised back without privilege, so engines configured with
/// different increments cannot share threads.
/// </para>
/// </remarks>
internal sealed class DecodingWorkers
{
    private static readonly ConcurrentDictionary<int, DecodingWorkers> ByNice = new();

    private readonly object _lock = new();
    private readonly LinkedList<IDecodingJob> _ending = [];
    private readonly LinkedList<IDecodingJob> _waiting = [];
    private readonly int _nice;
    private readonly int _threads;
    private readonly string _threadName;
    private int _started;

    /// <summary>Workers of their own (the product uses <see cref="For"/>); threads start with the first job's work.</summary>
    internal DecodingWorkers(int nice, int threads, string threadName)
    {
        _nice = nice;
        _threads = threads;
        _threadName = threadName;
    }

    /// <summary>
    /// The process's workers for <paramref name="nice"/>, one thread per core, named pocketsphinx+<paramref name="nice"/>
    /// (within Linux's 15 characters for a thread name).
    /// </summary>
    public static DecodingWorkers For(int nice) =>
        ByNice.GetOrAdd(nice, n => new DecodingWorkers(n, Environment.ProcessorCount, $"pocketsphinx+{n}"));

    /// <summary>
    /// Queues <paramref name="job"/> to be run, unless it is queued or running already (a running job is queued again
    /// when its run ends with work left); a job now <see cref="IDecodingJob.Ending"/> moves ahead of those waiting.
    /// </summary>
    public void Schedule(IDecodingJob job)
    {
        StartOnce();
        lock (_lock)
        {
            if (job.Running) return;
            var node = job.QueueNode;
            if (node.List is not null)
            {
                if (node.List == _ending || !job.Ending) return;
                _waiting.Remove(node);
            }

            (job.Ending ? _ending : _waiting).AddLast(node);
            Monitor.Pulse(_lock);
        }
    }

    private void StartOnce()
    {
        if (Volatile.Read(ref _started) != 0 || Interlocked.Exchange(ref _started, 1) != 0) return;

        // Started from a caller's thread at its own priority; each worker lowers only itself before it takes any work.
        // The first post returns once all have, so from then on the pool's threads exist at their priority for
        // whoever looks (DecodePriorityTests reads /proc right after it).
        using var lowered = new CountdownEvent(_threads);
        for (var i = 0; i < _threads; i++)
        {
            new Thread(() => Run(lowered)) { IsBackground = true, Name = _threadName }.UnsafeStart();
        }

        lowered.Wait();
    }

    private void Run(CountdownEvent lowered)
    {
        ThreadNice.LowerCurrentThread(_nice);
        lowered.Signal();
        while (true)
        {
            IDecodingJob job;
            lock (_lock)
            {
                while (_ending.Count == 0 && _waiting.Count == 0) Monitor.Wait(_lock);
                var list = _ending.Count > 0 ? _ending : _waiting;
                job = list.First!.Value;
                list.RemoveFirst();
                job.Running = true;
            }

            // RunPending never throws (the stream completes its results with a decoder's failure): a worker serves
            // every call and must not die.
            job.RunPending();
            lock (_lock)
            {
                job.Running = false;
            }

            // A post during the run queued its work before Schedule found the job running under the lock, which this
            // worker took after it: the work is visible here and the job goes back in the queue.
            if (job.HasPending) Schedule(job);
        }
    }
}
