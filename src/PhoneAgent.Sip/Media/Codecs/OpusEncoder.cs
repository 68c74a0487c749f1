namespace PhoneAgent.Sip.Media.Codecs;

/// <summary>
/// A libopus encoder (RFC 6716) in VoIP mode over 16-bit PCM. One instance encodes one stream; calls must not
/// overlap, but <see cref="Dispose"/> may race with them safely.
/// </summary>
public sealed unsafe class OpusEncoder : IDisposable
{
    private readonly OpusEncoderHandle _handle;
    private int _disposed;

    /// <summary>Creates an encoder for <paramref name="sampleRate"/> Hz audio (8, 12, 16, 24 or 48 kHz).</summary>
    /// <remarks>
    /// The RTP clock stays 48 kHz whatever the rate here (RFC 7587 §4.1); encoding at 16 kHz lets a 16 kHz
    /// pipeline skip resampling, and the encoder then limits itself to wideband.
    /// </remarks>
    /// <exception cref="OpusException">libopus rejected the rate or channel count, or could not allocate.</exception>
    public OpusEncoder(int sampleRate, int channels = 1)
    {
        _handle = OpusNative.EncoderCreate(sampleRate, channels, OpusNative.ApplicationVoip, out var error);
        if (error < 0 || _handle.IsInvalid)
        {
            _handle.Dispose();
            throw new OpusException(error < 0 ? (OpusError)error : OpusError.AllocationFailed, "opus_encoder_create");
        }

        SampleRate = sampleRate;
        Channels = channels;
    }

    /// <summary>The PCM sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>The number of interleaved channels.</summary>
    public int Channels { get; }

    /// <summary>The target bitrate in bits per second (OPUS_SET_BITRATE); libopus clamps it to 500 to 300,000 per channel and rejects 0 or less.</summary>
    public int Bitrate
    {
        get => Get(OpusNative.GetBitrateRequest, "OPUS_GET_BITRATE");
        set => Set(OpusNative.SetBitrateRequest, value, "OPUS_SET_BITRATE");
    }

    /// <summary>
    /// Whether to add low-bitrate redundancy of the previous frame (OPUS_SET_INBAND_FEC) so the receiver can
    /// rebuild a lost packet from the next one. libopus only adds it when <see cref="PacketLossPercent"/> is above 0.
    /// </summary>
    public bool InbandFec
    {
        get => Get(OpusNative.GetInbandFecRequest, "OPUS_GET_INBAND_FEC") != 0;
        set => Set(OpusNative.SetInbandFecRequest, value ? 1 : 0, "OPUS_SET_INBAND_FEC");
    }

    /// <summary>The expected packet loss in percent, 0 to 100 (OPUS_SET_PACKET_LOSS_PERC); it sizes the in-band FEC.</summary>
    public int PacketLossPercent
    {
        get => Get(OpusNative.GetPacketLossPercentRequest, "OPUS_GET_PACKET_LOSS_PERC");
        set => Set(OpusNative.SetPacketLossPercentRequest, value, "OPUS_SET_PACKET_LOSS_PERC");
    }

    /// <summary>The computational complexity, 0 to 10 (OPUS_SET_COMPLEXITY); higher is better quality for more CPU.</summary>
    public int Complexity
    {
        get => Get(OpusNative.GetComplexityRequest, "OPUS_GET_COMPLEXITY");
        set => Set(OpusNative.SetComplexityRequest, value, "OPUS_SET_COMPLEXITY");
    }

    /// <summary>
    /// The encoder's look-ahead in samples at <see cref="SampleRate"/> (OPUS_GET_LOOKAHEAD): decoded audio lags
    /// the input by this much (6.5 ms in VoIP mode).
    /// </summary>
    public int Lookahead => Get(OpusNative.GetLookaheadRequest, "OPUS_GET_LOOKAHEAD");

    /// <summary>
    /// Encodes one frame into one Opus packet. The frame must last 2.5, 5, 10, 20, 40 or 60 ms
    /// (<c>pcm.Length / Channels</c> samples per channel).
    /// </summary>
    /// <param name="pcm">Interleaved samples of exactly one frame.</param>
    /// <param name="packet">Receives the packet; its length caps the packet size, so 1275 bytes always suffice.</param>
    /// <returns>The packet length in bytes. In discontinuous transmission a length of 1 or 2 means "do not send".</returns>
    /// <exception cref="OpusException">The frame size is not a legal Opus duration, or the buffer is too small.</exception>
    /// <exception cref="ObjectDisposedException">The encoder was disposed.</exception>
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> packet)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (pcm.Length % Channels != 0) throw new ArgumentException($"{pcm.Length} samples is not a whole number of {Channels}-channel frames", nameof(pcm));
        int result;
        fixed (short* input = pcm)
        fixed (byte* output = packet)
        {
            result = OpusNative.Encode(_handle, input, pcm.Length / Channels, output, packet.Length);
        }

        return result < 0 ? throw new OpusException((OpusError)result, "opus_encode") : result;
    }

    /// <summary>Frees the native encoder; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _handle.Dispose();
    }

    private void Set(int request, int value, string name)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var status = OpusNative.EncoderCtlSet(_handle, request, value);
        if (status < 0) throw new OpusException((OpusError)status, name);
    }

    private int Get(int request, string name)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var status = OpusNative.EncoderCtlGet(_handle, request, out var value);
        return status < 0 ? throw new OpusException((OpusError)status, name) : value;
    }
}
