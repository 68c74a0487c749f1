namespace PhoneAgent.Sip.Media.Session;

/// <summary>A growable run of one channel's samples waiting for the other channel. Not thread-safe.</summary>
internal sealed class ChannelBuffer
{
    private short[] _samples = new short[StereoWavRecorder.SampleRate / 10];

    public int Count { get; private set; }

    public ReadOnlySpan<short> Samples => _samples.AsSpan(0, Count);

    public void Append(ReadOnlySpan<short> pcm)
    {
        if (Count + pcm.Length > _samples.Length) Array.Resize(ref _samples, Math.Max(_samples.Length * 2, Count + pcm.Length));
        pcm.CopyTo(_samples.AsSpan(Count));
        Count += pcm.Length;
    }

    /// <summary>Drops the first <paramref name="count"/> samples (all of them if there are fewer).</summary>
    public void Consume(int count)
    {
        var taken = Math.Min(count, Count);
        _samples.AsSpan(taken, Count - taken).CopyTo(_samples);
        Count -= taken;
    }
}
