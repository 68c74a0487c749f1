namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// The voice codec both sides agreed on, under the payload type it travels with.
/// </summary>
/// <param name="Codec">The codec; compare it with <see cref="SdpCodec.Pcmu"/> and friends by reference.</param>
/// <param name="PayloadType">
/// The RTP payload type to use. When we answer, this is the offerer's number (RFC 3264 §6.1); when we offered,
/// it is the number from the peer's answer.
/// </param>
/// <param name="RemoteFormatParameters">The peer's fmtp parameters for the codec, such as Opus's <c>maxplaybackrate</c>.</param>
public sealed record SdpNegotiatedCodec(SdpCodec Codec, int PayloadType, string? RemoteFormatParameters)
{
    /// <summary>The rtpmap encoding name.</summary>
    public string EncodingName => Codec.EncodingName;

    /// <summary>The RTP timestamp clock rate in Hz.</summary>
    public int ClockRate => Codec.ClockRate;

    /// <summary>The channel count as signalled.</summary>
    public int Channels => Codec.Channels;
}
