namespace PhoneAgent.Sip.Media.Codecs;

/// <summary>
/// One call's voice codec as the RTP engine sees it: mono 16-bit PCM at <see cref="SampleRate"/> in and out,
/// RTP payloads with timestamps counted at <see cref="ClockRate"/>.
/// </summary>
/// <remarks>
/// Encoding and decoding keep separate state, so a sending loop may call <see cref="Encode"/> while a receiving
/// loop calls <see cref="Decode"/> and <see cref="Conceal"/>; each direction on its own must stay on one thread
/// at a time. Disposing releases native state; the engine owns one codec per call and disposes it at hang-up.
/// </remarks>
public interface IAudioCodec : IDisposable
{
    /// <summary>The SDP encoding name (RFC 4566 rtpmap), such as <c>PCMU</c>, <c>PCMA</c> or <c>opus</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The RTP timestamp rate in Hz (8000 for G.711, 48000 for Opus per RFC 7587 §4.1). A frame of
    /// <c>ptime</c> milliseconds advances the RTP timestamp by <c>ClockRate * ptime / 1000</c>.
    /// </summary>
    int ClockRate { get; }

    /// <summary>The rate in Hz of the PCM that <see cref="Encode"/> takes and <see cref="Decode"/> returns; resample to and from this.</summary>
    int SampleRate { get; }

    /// <summary>The PCM samples in a frame of <paramref name="ptimeMs"/> milliseconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The codec cannot frame that duration.</exception>
    int SamplesPerFrame(int ptimeMs);

    /// <summary>A payload buffer size with which <see cref="Encode"/> never fails for a frame of <paramref name="ptimeMs"/> milliseconds.</summary>
    int MaxPayloadSize(int ptimeMs);

    /// <summary>Encodes exactly one frame.</summary>
    /// <returns>The payload length in bytes.</returns>
    int Encode(ReadOnlySpan<short> pcm, Span<byte> payload);

    /// <summary>The samples <see cref="Decode"/> will produce for <paramref name="payload"/>, so the caller can size its buffer.</summary>
    int GetDecodedLength(ReadOnlySpan<byte> payload);

    /// <summary>Decodes one RTP payload.</summary>
    /// <returns>The samples written.</returns>
    int Decode(ReadOnlySpan<byte> payload, Span<short> pcm);

    /// <summary>
    /// Fills <paramref name="pcm"/> in place of a lost payload. If the payload after the gap has already
    /// arrived, pass it as <paramref name="nextPayload"/>: a codec with in-band FEC rebuilds the lost frame from it
    /// (that payload must still be decoded normally afterwards); others ignore it.
    /// </summary>
    /// <returns>The samples written, which is <c>pcm.Length</c>.</returns>
    int Conceal(Span<short> pcm, ReadOnlySpan<byte> nextPayload = default);
}
