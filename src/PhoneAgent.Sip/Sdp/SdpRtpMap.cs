using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// The value of an <c>a=rtpmap:</c> attribute (RFC 4566 §6):
/// <c>&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;channels&gt;]</c>.
/// </summary>
/// <param name="PayloadType">The RTP payload type number, 0–127.</param>
/// <param name="EncodingName">The encoding name, such as <c>PCMU</c> or <c>opus</c>; compare it case-insensitively.</param>
/// <param name="ClockRate">The RTP timestamp clock rate in Hz.</param>
/// <param name="Channels">The channel count, or <see langword="null"/> when omitted (meaning one channel).</param>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels = null)
{
    /// <summary>The attribute name, <c>rtpmap</c>.</summary>
    public const string AttributeName = "rtpmap";

    /// <summary>Parses the text after <c>a=rtpmap:</c>.</summary>
    /// <param name="value">The attribute value, such as <c>96 opus/48000/2</c>.</param>
    /// <param name="rtpMap">The parsed mapping.</param>
    /// <returns><see langword="false"/> when the value does not follow the grammar.</returns>
    public static bool TryParse(string? value, [NotNullWhen(true)] out SdpRtpMap? rtpMap)
    {
        rtpMap = null;
        if (value is null)
        {
            return false;
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !TryParsePayloadType(value.AsSpan(0, space), out var payloadType))
        {
            return false;
        }

        var parts = value[(space + 1)..].Trim().Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var clockRate)
            || clockRate <= 0)
        {
            return false;
        }

        int? channels = null;
        if (parts.Length == 3)
        {
            if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
            {
                return false;
            }

            channels = count;
        }

        rtpMap = new SdpRtpMap(payloadType, parts[0], clockRate, channels);
        return true;
    }

    /// <summary>Builds the <c>a=rtpmap:</c> attribute for this mapping.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, ToString());

    /// <summary>Formats the value as it appears after <c>a=rtpmap:</c>.</summary>
    public override string ToString() => Channels is { } channels
        ? FormattableString.Invariant($"{PayloadType} {EncodingName}/{ClockRate}/{channels}")
        : FormattableString.Invariant($"{PayloadType} {EncodingName}/{ClockRate}");

    internal static bool TryParsePayloadType(ReadOnlySpan<char> text, out int payloadType) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out payloadType) && payloadType <= 127;
}
