namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Collects the session-level lines while <see cref="SdpParser"/> walks the body, then freezes them into a
/// <see cref="SessionDescription"/>.
/// </summary>
internal sealed class SdpSessionBuilder
{
    public SdpOrigin? Origin { get; set; }

    public string? SessionName { get; set; }

    public SdpConnection? Connection { get; set; }

    public List<SdpBandwidth> Bandwidths { get; } = [];

    public List<SdpTiming> Timings { get; } = [];

    public List<SdpAttribute> Attributes { get; } = [];

    public List<SdpField> OtherFields { get; } = [];

    public List<MediaDescription> Media { get; } = [];

    public SessionDescription Build(SdpOrigin origin) => new()
    {
        Origin = origin,

        // A missing s= or t= is tolerated and read as "s= " and "t=0 0", which is what every SIP peer means.
        SessionName = SessionName ?? string.Empty,
        Connection = Connection,
        Bandwidths = Bandwidths,
        Timings = Timings.Count == 0 ? [SdpTiming.Permanent] : Timings,
        Attributes = Attributes,
        OtherFields = OtherFields,
        Media = Media,
    };
}
