namespace PhoneAgent.Pipeline.Frames;

/// <summary>
/// The inbox of one processor, with two lanes: <see cref="SystemFrame"/>s are read before any queued
/// <see cref="DataFrame"/> (Pipecat's <c>FrameProcessorQueue</c> priority), so an interruption never waits behind the
/// audio it cancels. Unbounded: frames are small and every producer is bounded by a turn. Thread-safe; one reader.
/// </summary>
public sealed class FrameQueue
{
    private readonly Lock _gate = new();
    private readonly Queue<SystemFrame> _system = new();
    private readonly Queue<DataFrame> _data = new();
    private TaskCompletionSource? _waiter;
    private bool _completed;

    /// <summary>Queues <paramref name="frame"/> in its lane; ignored once <see cref="Complete"/> was called.</summary>
    public void Enqueue(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            if (_completed) return;
            switch (frame)
            {
                case SystemFrame s:
                    _system.Enqueue(s);
                    break;
                case DataFrame d:
                    _data.Enqueue(d);
                    break;
                default:
                    throw new ArgumentException($"A frame must be a {nameof(SystemFrame)} or a {nameof(DataFrame)}.", nameof(frame));
            }

            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }

    /// <summary>Drops every queued data frame of turns up to and including <paramref name="turnId"/>; returns how many.</summary>
    public int Flush(long turnId)
    {
        lock (_gate)
        {
            var before = _data.Count;
            var kept = _data.Where(f => f.TurnId > turnId).ToArray();
            _data.Clear();
            foreach (var f in kept) _data.Enqueue(f);
            return before - kept.Length;
        }
    }

    /// <summary>No more frames: <see cref="ReadAsync"/> returns null once the queue is empty.</summary>
    public void Complete()
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            _completed = true;
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }

    /// <summary>The next frame, system lane first; null when the queue is completed and empty.</summary>
    public async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_system.TryDequeue(out var s)) return s;
                if (_data.TryDequeue(out var d)) return d;
                if (_completed) return null;
                _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiter.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
