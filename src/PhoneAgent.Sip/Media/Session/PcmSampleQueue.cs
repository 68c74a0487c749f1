namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// A FIFO ring of PCM samples bounded by <c>capacity</c>. The ring starts small and doubles when a burst needs
/// more room: a call reserves its full bound (a minute of audio) only if the pipeline really queues that much,
/// so setting up thousands of calls does not allocate megabytes each. Not thread-safe.
/// </summary>
internal sealed class PcmSampleQueue(int capacity)
{
    private const int InitialSize = 16000;
    private short[] _ring = new short[Math.Min(capacity, InitialSize)];
    private int _head;

    public int Count { get; private set; }

    public int Capacity { get; } = capacity;

    /// <summary>Appends as much of <paramref name="samples"/> as fits and returns how many that was.</summary>
    public int Enqueue(ReadOnlySpan<short> samples)
    {
        var accepted = Math.Min(samples.Length, Capacity - Count);
        if (Count + accepted > _ring.Length) Grow(Count + accepted);
        var tail = (_head + Count) % _ring.Length;
        var first = Math.Min(accepted, _ring.Length - tail);
        samples[..first].CopyTo(_ring.AsSpan(tail));
        samples[first..accepted].CopyTo(_ring);
        Count += accepted;
        return accepted;
    }

    private void Grow(int needed)
    {
        var size = _ring.Length;
        while (size < needed) size = (int)Math.Min((long)size * 2, Capacity);
        var larger = new short[size];
        var first = Math.Min(Count, _ring.Length - _head);
        _ring.AsSpan(_head, first).CopyTo(larger);
        _ring.AsSpan(0, Count - first).CopyTo(larger.AsSpan(first));
        _ring = larger;
        _head = 0;
    }

    /// <summary>Moves up to <c>destination.Length</c> samples out and returns how many.</summary>
    public int Dequeue(Span<short> destination)
    {
        var taken = Math.Min(destination.Length, Count);
        var first = Math.Min(taken, _ring.Length - _head);
        _ring.AsSpan(_head, first).CopyTo(destination);
        _ring.AsSpan(0, taken - first).CopyTo(destination[first..]);
        _head = (_head + taken) % _ring.Length;
        Count -= taken;
        return taken;
    }

    /// <summary>Keeps only the first <paramref name="count"/> queued samples.</summary>
    public void Truncate(int count) => Count = Math.Clamp(count, 0, Count);

    /// <summary>Scales the queued samples [<paramref name="offset"/>, offset + length) by a straight ramp down to zero.</summary>
    public void FadeOut(int offset, int length)
    {
        for (var i = 0; i < length; i++)
        {
            ref var sample = ref _ring[(_head + offset + i) % _ring.Length];
            sample = (short)MathF.Round(sample * (float)(length - 1 - i) / length);
        }
    }
}
