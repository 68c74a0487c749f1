using System.Globalization;

namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// One media section: an <c>m=</c> line (RFC 4566 §5.14) and the <c>c=</c>, <c>b=</c> and <c>a=</c> lines that
/// follow it. Attributes are kept in their original order; the typed properties read from them on demand.
/// </summary>
public sealed class MediaDescription
{
    /// <summary>The media type: <c>audio</c>, <c>video</c>, <c>image</c>, <c>application</c>, ...</summary>
    public required string Media { get; init; }

    /// <summary>The transport port; 0 means the stream is disabled or rejected (RFC 3264 §6).</summary>
    public required int Port { get; init; }

    /// <summary>The optional <c>/count</c> after the port, or <see langword="null"/>.</summary>
    public int? PortCount { get; init; }

    /// <summary>The transport protocol, such as <c>RTP/AVP</c> or <c>RTP/SAVP</c>.</summary>
    public required string Protocol { get; init; }

    /// <summary>The media formats in the offerer's preference order; for RTP these are payload type numbers.</summary>
    public IReadOnlyList<string> Formats { get; init; } = [];

    /// <summary>The media-level <c>c=</c> line, which overrides the session-level one for this stream.</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>The media-level <c>b=</c> lines.</summary>
    public IReadOnlyList<SdpBandwidth> Bandwidths { get; init; } = [];

    /// <summary>The media-level <c>a=</c> lines, in order.</summary>
    public IReadOnlyList<SdpAttribute> Attributes { get; init; } = [];

    /// <summary>Media-level lines this model does not interpret (<c>i=</c>, <c>k=</c>, unknown letters).</summary>
    public IReadOnlyList<SdpField> OtherFields { get; init; } = [];

    /// <summary>Gets whether this is an <c>audio</c> stream.</summary>
    public bool IsAudio => string.Equals(Media, "audio", StringComparison.OrdinalIgnoreCase);

    /// <summary>The media-level direction attribute, or <see langword="null"/> when absent.</summary>
    /// <remarks>Use <see cref="SessionDescription.GetEffectiveDirection"/> to apply the session-level default.</remarks>
    public SdpDirection? Direction => SdpAttributeLookup.FindDirection(Attributes);

    /// <summary>The <c>a=ptime</c> value in milliseconds, or <see langword="null"/> when absent or unreadable.</summary>
    public int? Ptime => SdpAttributeLookup.FindMilliseconds(Attributes, "ptime");

    /// <summary>The <c>a=maxptime</c> value in milliseconds, or <see langword="null"/> when absent or unreadable.</summary>
    public int? MaxPtime => SdpAttributeLookup.FindMilliseconds(Attributes, "maxptime");

    /// <summary>
    /// The formats that are RTP payload type numbers (0–127), in order; other format tokens are skipped.
    /// </summary>
    public IEnumerable<int> PayloadTypes
    {
        get
        {
            foreach (var format in Formats)
            {
                if (SdpRtpMap.TryParsePayloadType(format, out var payloadType))
                {
                    yield return payloadType;
                }
            }
        }
    }

    /// <summary>Returns the rtpmap for a payload type, or <see langword="null"/> when absent or malformed.</summary>
    /// <param name="payloadType">The RTP payload type number.</param>
    public SdpRtpMap? GetRtpMap(int payloadType) => SdpAttributeLookup.FindRtpMap(Attributes, payloadType);

    /// <summary>Returns the fmtp parameters for a payload type, or <see langword="null"/> when absent.</summary>
    /// <param name="payloadType">The RTP payload type number.</param>
    public string? GetFormatParameters(int payloadType) =>
        SdpAttributeLookup.FindFormatParameters(Attributes, payloadType);

    /// <summary>Formats the value as it appears after <c>m=</c>.</summary>
    internal string FormatMediaLine()
    {
        var port = PortCount is { } count
            ? string.Create(CultureInfo.InvariantCulture, $"{Port}/{count}")
            : Port.ToString(CultureInfo.InvariantCulture);
        return Formats.Count == 0
            ? $"{Media} {port} {Protocol}"
            : $"{Media} {port} {Protocol} {string.Join(' ', Formats)}";
    }
}
