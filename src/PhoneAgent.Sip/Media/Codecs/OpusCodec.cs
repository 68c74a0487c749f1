namespace PhoneAgent.Sip.Media.Codecs;

/// <summary>
/// Opus (RFC 7587) as an <see cref="IAudioCodec"/>: a mono VoIP encoder and a mono decoder at one PCM rate,
/// with RTP timestamps on the fixed 48 kHz clock.
/// </summary>
/// <remarks>
/// Decoded audio lags the encoder input by <see cref="OpusEncoder.Lookahead"/> (6.5 ms). Concealment uses the
/// libopus PLC, or in-band FEC when the next payload is at hand.
/// </remarks>
public sealed class OpusCodec : IAudioCodec
{
    // RFC 7587 §4.1: the RTP clock rate of Opus is 48000 whatever rate the audio was coded at.
    private const int RtpClockRate = 48000;

    // RFC 6716 §3.2.1: libopus caps its output at the buffer it is given, and one frame never needs more than this.
    private const int MaxFrameBytes = 1275;

    private readonly OpusEncoder _encoder;
    private readonly OpusDecoder _decoder;
    private int _disposed;

    /// <summary>Creates the encoder and decoder.</summary>
    /// <exception cref="OpusException">libopus rejected a setting.</exception>
    public OpusCodec(OpusCodecOptions? options = null)
    {
        options ??= new OpusCodecOptions();
        _encoder = new OpusEncoder(options.SampleRate);
        try
        {
            _encoder.Bitrate = options.Bitrate;
            _encoder.InbandFec = options.InbandFec;
            _encoder.PacketLossPercent = options.PacketLossPercent;
            if (options.Complexity is { } complexity) _encoder.Complexity = complexity;
            _decoder = new OpusDecoder(options.SampleRate);
        }
        catch
        {
            _encoder.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public string Name => "opus";

    /// <inheritdoc/>
    public int ClockRate => RtpClockRate;

    /// <inheritdoc/>
    public int SampleRate => _encoder.SampleRate;

    /// <summary>The encoder, for reading or changing its settings mid-call (for example after RTCP reports loss).</summary>
    public OpusEncoder Encoder => _encoder;

    /// <inheritdoc/>
    /// <remarks>Opus frames last 2.5 to 60 ms; as an RTP ptime in whole milliseconds that leaves 10, 20, 40 and 60.</remarks>
    public int SamplesPerFrame(int ptimeMs) => ptimeMs is 10 or 20 or 40 or 60
        ? SampleRate / 1000 * ptimeMs
        : throw new ArgumentOutOfRangeException(nameof(ptimeMs), ptimeMs, "Opus frames last 10, 20, 40 or 60 ms");

    /// <inheritdoc/>
    public int MaxPayloadSize(int ptimeMs)
    {
        SamplesPerFrame(ptimeMs);
        return MaxFrameBytes;
    }

    /// <inheritdoc/>
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload) => _encoder.Encode(pcm, payload);

    /// <inheritdoc/>
    public int GetDecodedLength(ReadOnlySpan<byte> payload) => _decoder.GetSampleCount(payload);

    /// <inheritdoc/>
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm) => _decoder.Decode(payload, pcm);

    /// <inheritdoc/>
    /// <remarks><paramref name="pcm"/> must span exactly the lost time in a multiple of 2.5 ms.</remarks>
    public int Conceal(Span<short> pcm, ReadOnlySpan<byte> nextPayload = default) =>
        nextPayload.IsEmpty ? _decoder.Conceal(pcm) : _decoder.DecodeFec(nextPayload, pcm);

    /// <summary>Frees the native encoder and decoder.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _encoder.Dispose();
        _decoder.Dispose();
    }
}
