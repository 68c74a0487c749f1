using System.Text;

namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Serialises a <see cref="SessionDescription"/> with CRLF line endings in the field order RFC 4566 §5
/// prescribes. Uninterpreted fields are placed where the grammar puts their type letter, so a parsed
/// description re-serialises as valid SDP.
/// </summary>
internal static class SdpWriter
{
    public static string Write(SessionDescription description)
    {
        var text = new StringBuilder(512);
        Line(text, 'v', "0");
        Line(text, 'o', description.Origin.ToString());

        // RFC 4566 §5.3: a session without a meaningful name uses a single space.
        Line(text, 's', description.SessionName.Length == 0 ? " " : description.SessionName);
        Fields(text, description.OtherFields, static type => type is 'i' or 'u' or 'e' or 'p');
        if (description.Connection is { } connection)
        {
            Line(text, 'c', connection.ToString());
        }

        foreach (var bandwidth in description.Bandwidths)
        {
            Line(text, 'b', bandwidth.ToString());
        }

        // RFC 4566 §5 requires at least one t= line even though SIP ignores timing.
        var timings = description.Timings.Count == 0 ? [SdpTiming.Permanent] : description.Timings;
        foreach (var timing in timings)
        {
            Line(text, 't', timing.ToString());
        }

        Fields(text, description.OtherFields, static type => type is not ('i' or 'u' or 'e' or 'p'));
        Attributes(text, description.Attributes);
        foreach (var media in description.Media)
        {
            WriteMedia(text, media);
        }

        return text.ToString();
    }

    private static void WriteMedia(StringBuilder text, MediaDescription media)
    {
        Line(text, 'm', media.FormatMediaLine());
        Fields(text, media.OtherFields, static type => type == 'i');
        if (media.Connection is { } connection)
        {
            Line(text, 'c', connection.ToString());
        }

        foreach (var bandwidth in media.Bandwidths)
        {
            Line(text, 'b', bandwidth.ToString());
        }

        Fields(text, media.OtherFields, static type => type != 'i');
        Attributes(text, media.Attributes);
    }

    private static void Fields(StringBuilder text, IReadOnlyList<SdpField> fields, Func<char, bool> include)
    {
        foreach (var field in fields)
        {
            if (include(field.Type))
            {
                Line(text, field.Type, field.Value);
            }
        }
    }

    private static void Attributes(StringBuilder text, IReadOnlyList<SdpAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            Line(text, 'a', attribute.ToString());
        }
    }

    private static void Line(StringBuilder text, char type, string value) =>
        text.Append(type).Append('=').Append(value).Append("\r\n");
}
