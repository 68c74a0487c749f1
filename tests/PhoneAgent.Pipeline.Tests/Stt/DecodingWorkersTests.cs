using System.Collections.Concurrent;
using PhoneAgent.Pipeline.Stt.PocketSphinx;

namespace PhoneAgent.Pipeline.Tests.Stt;

/// <summary>
/// The shared decoding threads' order: a stream whose caller waits for a final goes before streams that only have
/// audio to decode, and a job is never run by two workers at once nor lost when work arrives during its run.
/// </summary>
public sealed class DecodingWorkersTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ending_jobs_run_first_oldest_first_and_waiting_jobs_in_arrival_order()
    {
        var workers = new DecodingWorkers(nice: 0, threads: 1, "decode test");
        var order = new ConcurrentQueue<string>();
        using var release = new ManualResetEventSlim();
        var blocker = new Job("blocker", order) { Gate = release };
        blocker.Post();
        workers.Schedule(blocker);
        await blocker.Started.Task.WaitAsync(TestTimeout);

        // The only worker is busy: everything below queues.
        var a = new Job("a", order);
        var b = new Job("b", order);
        var c = new Job("c", order);
        var d = new Job("d", order);
        foreach (var job in new[] { a, b, c, d })
        {
            job.Post();
            workers.Schedule(job);
        }

        c.Ending = true;
        workers.Schedule(c);
        a.Ending = true;
        workers.Schedule(a);
        workers.Schedule(b);

        release.Set();
        await Task.WhenAll(new[] { a, b, c, d }.Select(j => j.Done.Task)).WaitAsync(TestTimeout);
        Assert.Equal(["blocker", "c", "a", "b", "d"], order);
    }

    [Fact]
    public async Task Work_posted_during_a_run_runs_after_it_on_one_worker_at_a_time()
    {
        var workers = new DecodingWorkers(nice: 0, threads: 4, "decode test");
        var order = new ConcurrentQueue<string>();
        using var release = new ManualResetEventSlim();
        var job = new Job("job", order) { Gate = release };
        job.Post();
        workers.Schedule(job);
        await job.Started.Task.WaitAsync(TestTimeout);

        // Three idle workers: none may take the job while one runs it, and the posts must not be lost.
        for (var i = 0; i < 3; i++)
        {
            job.Post();
            workers.Schedule(job);
        }

        release.Set();
        await job.Done.Task.WaitAsync(TestTimeout);
        Assert.Equal(1, job.MostAtOnce);
        Assert.Equal(Enumerable.Repeat("job", 4), order);
    }

    /// <summary>A job whose every run takes one posted item and records its name; done when a run leaves none.</summary>
    private sealed class Job(string name, ConcurrentQueue<string> order) : IDecodingJob
    {
        private readonly ConcurrentQueue<int> _posted = new();
        private int _inside;
        private int _mostAtOnce;

        public ManualResetEventSlim? Gate { get; init; }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public LinkedListNode<IDecodingJob> QueueNode => field ??= new(this);

        public bool Running { get; set; }

        public bool Ending { get; set; }

        public bool HasPending => !_posted.IsEmpty;

        public void Post() => _posted.Enqueue(0);

        public void RunPending()
        {
            var inside = Interlocked.Increment(ref _inside);
            InterlockedMax(ref _mostAtOnce, inside);
            Started.TrySetResult();
            Gate?.Wait(TestTimeout);
            _posted.TryDequeue(out _);
            order.Enqueue(name);
            Ending = false;
            Interlocked.Decrement(ref _inside);
            if (_posted.IsEmpty) Done.TrySetResult();
        }

        private static void InterlockedMax(ref int target, int value)
        {
            var current = Volatile.Read(ref target);
            while (value > current)
            {
                var seen = Interlocked.CompareExchange(ref target, value, current);
                if (seen == current) return;
                current = seen;
            }
        }
    }
}
