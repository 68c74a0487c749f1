namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// A voice codec the media layer can encode and decode, with what SDP needs to offer and recognise it.
/// The set is closed (<see cref="Pcmu"/>, <see cref="Pcma"/>, <see cref="Opus"/>) so that negotiation can never
/// pick something the media layer cannot play; compare instances by reference.
/// </summary>
public sealed class SdpCodec
{
    private SdpCodec(string encodingName, int clockRate, int channels, int? staticPayloadType, int offerPayloadType, string? formatParameters)
    {
        EncodingName = encodingName;
        ClockRate = clockRate;
        Channels = channels;
        StaticPayloadType = staticPayloadType;
        OfferPayloadType = offerPayloadType;
        FormatParameters = formatParameters;
    }

    /// <summary>G.711 µ-law, static payload type 0 (RFC 3551 §6).</summary>
    public static SdpCodec Pcmu { get; } = new("PCMU", 8000, 1, 0, 0, null);

    /// <summary>G.711 A-law, static payload type 8 (RFC 3551 §6).</summary>
    public static SdpCodec Pcma { get; } = new("PCMA", 8000, 1, 8, 8, null);

    /// <summary>
    /// Opus with a dynamic payload type. RFC 7587 §7 fixes its rtpmap as <c>opus/48000/2</c> whatever the actual
    /// sample rate and channel count; we ask for in-band FEC because it costs the sender little and hides loss.
    /// </summary>
    public static SdpCodec Opus { get; } = new("opus", 48000, 2, null, 111, "useinbandfec=1");

    /// <summary>The rtpmap encoding name.</summary>
    public string EncodingName { get; }

    /// <summary>The RTP timestamp clock rate in Hz as written in the rtpmap.</summary>
    public int ClockRate { get; }

    /// <summary>The channel count as written in the rtpmap.</summary>
    public int Channels { get; }

    /// <summary>The static payload type from RFC 3551, or <see langword="null"/> for a dynamic codec.</summary>
    public int? StaticPayloadType { get; }

    /// <summary>The payload type we use for this codec in our own offers.</summary>
    public int OfferPayloadType { get; }

    /// <summary>The fmtp parameters we advertise for what we want to receive, or <see langword="null"/>.</summary>
    public string? FormatParameters { get; }

    /// <summary>Formats the codec as <c>name/rate</c> or <c>name/rate/channels</c>.</summary>
    public override string ToString() => Channels > 1
        ? FormattableString.Invariant($"{EncodingName}/{ClockRate}/{Channels}")
        : FormattableString.Invariant($"{EncodingName}/{ClockRate}");

    /// <summary>
    /// Decides whether a payload type in a peer's description is this codec: by rtpmap when there is one
    /// (media subtype names are case-insensitive, RFC 6838 §4.2), else by static payload type, which needs no rtpmap (RFC 3551 §6).
    /// </summary>
    internal bool Matches(int payloadType, SdpRtpMap? rtpMap)
    {
        if (rtpMap is null)
        {
            return StaticPayloadType == payloadType;
        }

        // An omitted channel count means one channel, except that some Opus senders drop the mandatory "/2";
        // treating a missing count as "ours" accepts both without accepting a wrong explicit count.
        return string.Equals(rtpMap.EncodingName, EncodingName, StringComparison.OrdinalIgnoreCase)
            && rtpMap.ClockRate == ClockRate
            && (rtpMap.Channels ?? Channels) == Channels;
    }

    /// <summary>Builds our rtpmap for this codec under the given payload type.</summary>
    internal SdpRtpMap ToRtpMap(int payloadType) =>
        new(payloadType, EncodingName, ClockRate, Channels > 1 ? Channels : null);
}
