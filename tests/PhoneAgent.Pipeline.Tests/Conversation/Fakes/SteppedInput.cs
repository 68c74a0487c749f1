using System.Threading.Channels;

namespace PhoneAgent.Pipeline.Tests.Conversation.Fakes;

/// <summary>
/// Caller audio that the test writes one frame at a time, learning when the pipeline has finished with it: the
/// reader asks for the next frame (and finds none) only after it has processed the previous one.
/// </summary>
public sealed class SteppedInput : ChannelReader<short[]>
{
    private readonly Lock _gate = new();
    private readonly Queue<short[]> _frames = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<bool>? _waiter;
    private TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _completed;

    public override Task Completion => _completion.Task;

    public override bool TryRead(out short[] item)
    {
        lock (_gate)
        {
            if (_frames.TryDequeue(out item!)) return true;
            _drained.TrySetResult();
            if (_completed) _completion.TrySetResult();
            return false;
        }
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_frames.Count > 0) return ValueTask.FromResult(true);
            if (_completed) return ValueTask.FromResult(false);
            _waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            return new ValueTask<bool>(_waiter.Task.WaitAsync(cancellationToken));
        }
    }

    /// <summary>Writes a frame and waits until the pipeline has processed it.</summary>
    public Task PushAsync(short[] frame)
    {
        Task drained;
        lock (_gate)
        {
            _frames.Enqueue(frame);
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            drained = _drained.Task;
            Wake(true);
        }

        return drained.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The caller's media ends.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Wake(false);
        }
    }

    private void Wake(bool result)
    {
        var waiter = _waiter;
        _waiter = null;
        waiter?.TrySetResult(result);
    }
}
