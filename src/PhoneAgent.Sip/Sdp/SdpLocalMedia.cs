namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Builds the media sections we write, for offers and answers alike.
/// </summary>
internal static class SdpLocalMedia
{
    /// <summary>
    /// An enabled audio section listing <paramref name="formats"/> in order. Every format gets an rtpmap, even the
    /// static ones that RFC 3551 does not require it for, because some peers only look at rtpmaps.
    /// </summary>
    public static MediaDescription Audio(
        string protocol,
        int port,
        IReadOnlyList<(SdpRtpMap RtpMap, string? Parameters)> formats,
        int ptime,
        SdpDirection direction)
    {
        var attributes = new List<SdpAttribute>(formats.Count * 2 + 2);
        foreach (var (rtpMap, parameters) in formats)
        {
            attributes.Add(rtpMap.ToAttribute());
            if (parameters is not null)
            {
                attributes.Add(new SdpFormatParameters(rtpMap.PayloadType, parameters).ToAttribute());
            }
        }

        attributes.Add(new SdpAttribute("ptime", ptime.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // Always explicit, although sendrecv is the default: peers that mis-handle a missing attribute after a
        // hold/resume cycle are common enough that stating it costs less than debugging it.
        attributes.Add(new SdpAttribute(SdpDirectionRules.ToAttributeName(direction)));
        return new MediaDescription
        {
            Media = "audio",
            Port = port,
            Protocol = protocol,
            Formats = formats.Select(format => format.RtpMap.PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            Attributes = attributes,
        };
    }

    /// <summary>
    /// The answer to a stream we refuse: same media and protocol, port 0, and the offered formats, because SDP
    /// needs at least one and RFC 3264 §6 says they are ignored.
    /// </summary>
    public static MediaDescription Rejected(MediaDescription offered) => new()
    {
        Media = offered.Media,
        Port = 0,
        Protocol = offered.Protocol,
        Formats = offered.Formats,
    };

    /// <summary>The session-level frame around our media sections.</summary>
    public static SessionDescription Session(
        SdpLocalSettings settings,
        SdpOrigin origin,
        IReadOnlyList<SdpTiming> timings,
        IReadOnlyList<MediaDescription> media) => new()
    {
        Origin = origin,
        SessionName = settings.SessionName,
        Connection = SdpConnection.FromIPAddress(settings.Address),
        Timings = timings,
        Media = media,
    };
}
