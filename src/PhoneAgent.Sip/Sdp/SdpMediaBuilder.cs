namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Collects the lines of one media section while <see cref="SdpParser"/> walks the body, then freezes them
/// into a <see cref="MediaDescription"/>.
/// </summary>
internal sealed class SdpMediaBuilder(string media, int port, int? portCount, string protocol, List<string> formats)
{
    public SdpConnection? Connection { get; set; }

    public List<SdpBandwidth> Bandwidths { get; } = [];

    public List<SdpAttribute> Attributes { get; } = [];

    public List<SdpField> OtherFields { get; } = [];

    public MediaDescription Build() => new()
    {
        Media = media,
        Port = port,
        PortCount = portCount,
        Protocol = protocol,
        Formats = formats,
        Connection = Connection,
        Bandwidths = Bandwidths,
        Attributes = Attributes,
        OtherFields = OtherFields,
    };
}
