namespace PhoneAgent.Sip.Media.Codecs;

/// <summary>Creates the codec for a negotiated SDP encoding name.</summary>
public static class AudioCodecFactory
{
    /// <summary>Whether <paramref name="encodingName"/> names a codec we can create (media subtypes are case-insensitive, RFC 6838 §4.2).</summary>
    public static bool IsSupported(string encodingName) =>
        Is(encodingName, "PCMU") || Is(encodingName, "PCMA") || Is(encodingName, "opus");

    /// <summary>
    /// Creates the codec for <paramref name="encodingName"/>. Its <see cref="IAudioCodec.SampleRate"/> is the
    /// rate to resample the pipeline's audio to and from: 8 kHz for G.711, <see cref="OpusCodecOptions.SampleRate"/> for Opus.
    /// </summary>
    /// <param name="encodingName">The rtpmap encoding name: <c>PCMU</c>, <c>PCMA</c> or <c>opus</c>.</param>
    /// <param name="opusOptions">Settings for Opus; ignored for G.711.</param>
    /// <exception cref="NotSupportedException">The name is not one of ours.</exception>
    /// <exception cref="OpusException">libopus rejected an Opus setting.</exception>
    public static IAudioCodec Create(string encodingName, OpusCodecOptions? opusOptions = null)
    {
        ArgumentNullException.ThrowIfNull(encodingName);
        if (Is(encodingName, "PCMU")) return new G711Codec(G711Law.MuLaw);
        if (Is(encodingName, "PCMA")) return new G711Codec(G711Law.ALaw);
        if (Is(encodingName, "opus")) return new OpusCodec(opusOptions);
        throw new NotSupportedException($"No codec for SDP encoding name '{encodingName}'");
    }

    private static bool Is(string encodingName, string name) => string.Equals(encodingName, name, StringComparison.OrdinalIgnoreCase);
}
