using System.Globalization;

namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Typed reads over an ordered attribute list, shared by the session and media levels.
/// </summary>
internal static class SdpAttributeLookup
{
    /// <summary>Returns the first direction attribute, or <see langword="null"/> when none is present.</summary>
    public static SdpDirection? FindDirection(IReadOnlyList<SdpAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Value is null && SdpDirectionRules.TryParseAttributeName(attribute.Name, out var direction))
            {
                return direction;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads a millisecond attribute such as <c>ptime</c> or <c>maxptime</c>. RFC 4566 §6 does not forbid a
    /// fraction and some gateways write <c>a=ptime:20.0</c>, so decimals are accepted and rounded.
    /// </summary>
    public static int? FindMilliseconds(IReadOnlyList<SdpAttribute> attributes, string name)
    {
        foreach (var attribute in attributes)
        {
            if (!string.Equals(attribute.Name, name, StringComparison.OrdinalIgnoreCase) || attribute.Value is null)
            {
                continue;
            }

            if (decimal.TryParse(attribute.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ms)
                && ms is > 0 and <= 10_000)
            {
                return (int)Math.Round(ms, MidpointRounding.AwayFromZero);
            }

            return null;
        }

        return null;
    }

    /// <summary>Returns the first well-formed rtpmap for <paramref name="payloadType"/>.</summary>
    public static SdpRtpMap? FindRtpMap(IReadOnlyList<SdpAttribute> attributes, int payloadType)
    {
        foreach (var attribute in attributes)
        {
            if (string.Equals(attribute.Name, SdpRtpMap.AttributeName, StringComparison.OrdinalIgnoreCase)
                && SdpRtpMap.TryParse(attribute.Value, out var map) && map.PayloadType == payloadType)
            {
                return map;
            }
        }

        return null;
    }

    /// <summary>Returns the parameters of the first well-formed fmtp for <paramref name="payloadType"/>.</summary>
    public static string? FindFormatParameters(IReadOnlyList<SdpAttribute> attributes, int payloadType)
    {
        foreach (var attribute in attributes)
        {
            if (string.Equals(attribute.Name, SdpFormatParameters.AttributeName, StringComparison.OrdinalIgnoreCase)
                && SdpFormatParameters.TryParse(attribute.Value, out var fmtp) && fmtp.PayloadType == payloadType)
            {
                return fmtp.Parameters;
            }
        }

        return null;
    }
}
