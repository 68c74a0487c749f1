namespace PhoneAgent.Sip.Media.Codecs;

/// <summary>How an <see cref="OpusCodec"/> encodes and at what rate it exchanges PCM.</summary>
/// <param name="SampleRate">
/// The PCM rate of both directions, 8, 12, 16, 24 or 48 kHz. The default 16 kHz matches the speech pipeline,
/// so no resampler is needed and libopus does the band-limiting it has to do anyway.
/// </param>
/// <param name="Bitrate">Target bits per second; 32 kb/s gives wideband speech with room for FEC (RFC 7587 §3.1.1 suggests 20-40 kb/s for fullband speech).</param>
/// <param name="InbandFec">Whether to send in-band FEC; the SDP we offer asks for it with <c>useinbandfec=1</c>.</param>
/// <param name="PacketLossPercent">Expected loss in percent; libopus adds FEC only when this is above 0.</param>
/// <param name="Complexity">0 to 10, or <see langword="null"/> for the libopus default.</param>
public sealed record OpusCodecOptions(
    int SampleRate = 16000,
    int Bitrate = 32000,
    bool InbandFec = true,
    int PacketLossPercent = 10,
    int? Complexity = null);
