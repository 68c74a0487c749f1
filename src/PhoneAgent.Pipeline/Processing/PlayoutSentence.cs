namespace PhoneAgent.Pipeline.Processing;

/// <summary>One synthesised sentence of the current bot utterance: its text and all its audio, kept until the utterance ends so that a false interruption can resume it.</summary>
internal sealed class PlayoutSentence(string text)
{
    private short[] _audio = new short[4096];

    public string Text { get; } = text;

    /// <summary>Samples synthesised so far.</summary>
    public int Length { get; private set; }

    /// <summary>Whether synthesis of the sentence has finished.</summary>
    public bool Complete { get; set; }

    public ReadOnlySpan<short> From(int offset) => _audio.AsSpan(offset, Length - offset);

    public void Add(ReadOnlySpan<short> pcm)
    {
        if (Length + pcm.Length > _audio.Length) Array.Resize(ref _audio, Math.Max(_audio.Length * 2, Length + pcm.Length));
        pcm.CopyTo(_audio.AsSpan(Length));
        Length += pcm.Length;
    }
}
