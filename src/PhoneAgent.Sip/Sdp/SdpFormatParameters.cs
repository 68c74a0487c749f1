using System.Diagnostics.CodeAnalysis;

namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// The value of an <c>a=fmtp:</c> attribute (RFC 4566 §6): a payload type followed by format-specific
/// parameters, such as <c>101 0-15</c> for telephone-event or <c>111 useinbandfec=1</c> for Opus.
/// </summary>
/// <param name="PayloadType">The RTP payload type the parameters apply to.</param>
/// <param name="Parameters">The parameter text, uninterpreted.</param>
public sealed record SdpFormatParameters(int PayloadType, string Parameters)
{
    /// <summary>The attribute name, <c>fmtp</c>.</summary>
    public const string AttributeName = "fmtp";

    /// <summary>Parses the text after <c>a=fmtp:</c>.</summary>
    /// <param name="value">The attribute value.</param>
    /// <param name="parameters">The parsed parameters.</param>
    /// <returns><see langword="false"/> when the value does not start with a payload type and a space.</returns>
    public static bool TryParse(string? value, [NotNullWhen(true)] out SdpFormatParameters? parameters)
    {
        parameters = null;
        if (value is null)
        {
            return false;
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !SdpRtpMap.TryParsePayloadType(value.AsSpan(0, space), out var payloadType))
        {
            return false;
        }

        parameters = new SdpFormatParameters(payloadType, value[(space + 1)..].Trim());
        return true;
    }

    /// <summary>Builds the <c>a=fmtp:</c> attribute.</summary>
    public SdpAttribute ToAttribute() => new(AttributeName, ToString());

    /// <summary>Formats the value as it appears after <c>a=fmtp:</c>.</summary>
    public override string ToString() => FormattableString.Invariant($"{PayloadType} {Parameters}");
}
