namespace PhoneAgent.Sip.Media.Codecs;

/// <summary>
/// PCMU or PCMA (RFC 3551 §4.5.14): 8 kHz, one byte per sample, no look-ahead, so any ptime works and the
/// codec adds no delay. Loss is concealed by repeating the last decoded audio with a fade.
/// </summary>
public sealed class G711Codec : IAudioCodec
{
    private const int Rate = 8000;

    // G.711 Appendix I §I.2: play the first 10 ms of a loss at full level, then fade by 20 % per 10 ms, so the
    // substitute falls silent 60 ms into the loss instead of buzzing on.
    private const int FullLevelSamples = 80;
    private const int FadeSamples = 400;

    // Enough history for the longest common ptime; a longer frame keeps only its newest 60 ms.
    private const int HistoryCapacity = 480;

    private readonly short[] _history = new short[HistoryCapacity];
    private int _historyLength;
    private int _concealed;

    /// <summary>Creates a codec for <paramref name="law"/>.</summary>
    public G711Codec(G711Law law)
    {
        if (law is not (G711Law.MuLaw or G711Law.ALaw)) throw new ArgumentOutOfRangeException(nameof(law), law, "Unknown G.711 law");
        Law = law;
    }

    /// <summary>The companding law.</summary>
    public G711Law Law { get; }

    /// <inheritdoc/>
    public string Name => Law == G711Law.MuLaw ? "PCMU" : "PCMA";

    /// <inheritdoc/>
    public int ClockRate => Rate;

    /// <inheritdoc/>
    public int SampleRate => Rate;

    /// <inheritdoc/>
    public int SamplesPerFrame(int ptimeMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ptimeMs);
        return ptimeMs * (Rate / 1000);
    }

    /// <inheritdoc/>
    public int MaxPayloadSize(int ptimeMs) => SamplesPerFrame(ptimeMs);

    /// <inheritdoc/>
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload) =>
        Law == G711Law.MuLaw ? MuLaw.Encode(pcm, payload) : ALaw.Encode(pcm, payload);

    /// <inheritdoc/>
    public int GetDecodedLength(ReadOnlySpan<byte> payload) => payload.Length;

    /// <inheritdoc/>
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        var written = Law == G711Law.MuLaw ? MuLaw.Decode(payload, pcm) : ALaw.Decode(payload, pcm);
        var kept = Math.Min(written, HistoryCapacity);
        pcm.Slice(written - kept, kept).CopyTo(_history);
        _historyLength = kept;
        _concealed = 0;
        return written;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Repeats the last decoded frame cyclically under the fade. G.711 Appendix I's pitch-synchronous
    /// repetition sounds better but is overkill for a speech recogniser listening through a jitter buffer.
    /// </remarks>
    public int Conceal(Span<short> pcm, ReadOnlySpan<byte> nextPayload = default)
    {
        if (_historyLength == 0)
        {
            pcm.Clear();
            return pcm.Length;
        }

        for (var i = 0; i < pcm.Length; i++)
        {
            var position = _concealed + i;
            var gain = position < FullLevelSamples ? 1f : Math.Max(0f, 1f - ((position - FullLevelSamples) / (float)FadeSamples));
            pcm[i] = (short)MathF.Round(_history[position % _historyLength] * gain);
        }

        _concealed = Math.Min(_concealed + pcm.Length, FullLevelSamples + FadeSamples);
        return pcm.Length;
    }

    /// <summary>Does nothing: G.711 holds no native state.</summary>
    public void Dispose()
    {
    }
}
