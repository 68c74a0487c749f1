namespace PhoneAgent.Sip.Media.Codecs;

/// <summary>
/// A libopus decoder (RFC 6716) to 16-bit PCM, with packet loss concealment and in-band FEC recovery. One
/// instance decodes one stream; calls must not overlap, but <see cref="Dispose"/> may race with them safely.
/// </summary>
/// <remarks>
/// A mono decoder also accepts stereo packets and downmixes them, so it can serve the <c>opus/48000/2</c> that
/// RFC 7587 §7 makes every offer carry.
/// </remarks>
public sealed unsafe class OpusDecoder : IDisposable
{
    private readonly OpusDecoderHandle _handle;
    private int _disposed;

    /// <summary>Creates a decoder producing <paramref name="sampleRate"/> Hz audio (8, 12, 16, 24 or 48 kHz).</summary>
    /// <remarks>
    /// Any packet decodes at any of these rates: libopus decodes SILK at its native rate and band-limits CELT
    /// internally, so decoding straight to 16 kHz is cheaper than decoding to 48 kHz and resampling.
    /// </remarks>
    /// <exception cref="OpusException">libopus rejected the rate or channel count, or could not allocate.</exception>
    public OpusDecoder(int sampleRate, int channels = 1)
    {
        _handle = OpusNative.DecoderCreate(sampleRate, channels, out var error);
        if (error < 0 || _handle.IsInvalid)
        {
            _handle.Dispose();
            throw new OpusException(error < 0 ? (OpusError)error : OpusError.AllocationFailed, "opus_decoder_create");
        }

        SampleRate = sampleRate;
        Channels = channels;
    }

    /// <summary>The PCM sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>The number of interleaved channels.</summary>
    public int Channels { get; }

    /// <summary>The most samples per channel one packet can decode to: 120 ms (RFC 6716 §3.2.5), 1920 at 16 kHz.</summary>
    public int MaxPacketSamples => SampleRate / 1000 * 120;

    /// <summary>The samples per channel that <see cref="Decode"/> will produce for <paramref name="packet"/>.</summary>
    /// <exception cref="OpusException">The packet is empty or its table of contents is invalid.</exception>
    public int GetSampleCount(ReadOnlySpan<byte> packet)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (packet.IsEmpty) throw new OpusException(OpusError.InvalidPacket, "opus_decoder_get_nb_samples");
        int result;
        fixed (byte* data = packet)
        {
            result = OpusNative.DecoderGetSampleCount(_handle, data, packet.Length);
        }

        return result < 0 ? throw new OpusException((OpusError)result, "opus_decoder_get_nb_samples") : result;
    }

    /// <summary>Decodes one packet.</summary>
    /// <param name="packet">One Opus packet; an empty one is rejected rather than silently concealed.</param>
    /// <param name="pcm">Receives the samples; it must hold the packet's duration (at most 120 ms).</param>
    /// <returns>The samples written per channel.</returns>
    /// <exception cref="OpusException">The packet is invalid (<see cref="OpusError.InvalidPacket"/>) or <paramref name="pcm"/> is too short.</exception>
    public int Decode(ReadOnlySpan<byte> packet, Span<short> pcm)
    {
        if (packet.IsEmpty) throw new OpusException(OpusError.InvalidPacket, "opus_decode");
        return DecodeCore(packet, pcm, fec: false, "opus_decode");
    }

    /// <summary>
    /// Rebuilds a lost packet from the in-band FEC data carried by the packet after it (RFC 6716 §2.1.7), or
    /// conceals it when that packet carries none. Decode the next packet normally afterwards.
    /// </summary>
    /// <param name="nextPacket">The packet that followed the lost one.</param>
    /// <param name="pcm">Exactly the lost duration, a multiple of 2.5 ms.</param>
    /// <returns>The samples written per channel.</returns>
    public int DecodeFec(ReadOnlySpan<byte> nextPacket, Span<short> pcm)
    {
        if (nextPacket.IsEmpty) throw new OpusException(OpusError.InvalidPacket, "opus_decode (FEC)");
        return DecodeCore(nextPacket, pcm, fec: true, "opus_decode (FEC)");
    }

    /// <summary>Synthesises audio for a lost packet with libopus's packet loss concealment.</summary>
    /// <param name="pcm">Exactly the lost duration, a multiple of 2.5 ms.</param>
    /// <returns>The samples written per channel.</returns>
    /// <exception cref="OpusException">The length is not a multiple of 2.5 ms (<see cref="OpusError.BadArgument"/>).</exception>
    public int Conceal(Span<short> pcm) => DecodeCore(ReadOnlySpan<byte>.Empty, pcm, fec: false, "opus_decode (PLC)");

    /// <summary>Frees the native decoder; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _handle.Dispose();
    }

    // An empty packet reaches libopus as a NULL pointer, which is how opus_decode asks for concealment.
    private int DecodeCore(ReadOnlySpan<byte> packet, Span<short> pcm, bool fec, string operation)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        int result;
        fixed (byte* data = packet)
        fixed (short* output = pcm)
        {
            result = OpusNative.Decode(_handle, packet.IsEmpty ? null : data, packet.Length, output, pcm.Length / Channels, fec ? 1 : 0);
        }

        return result < 0 ? throw new OpusException((OpusError)result, operation) : result;
    }
}
